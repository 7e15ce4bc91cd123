import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { validateEvent } from '../domain/activity/validate-event.js';
import { parseFault } from '../domain/faults.js';
import { isValidTrustedIp } from '../domain/trusted-ips.js';
import { suiteErrors } from './scenario-suites.js';
import { type Scenario, ScenarioExternalViewerSchema, ScenarioMemberViewerSchema, ScenarioShellSchema } from './scenario-schema.js';

const ANY_LIVINGID = `lv${'0'.repeat(30)}`;

export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** Readable errors that name the bad path, one per path. */
function schemaErrors(schema: TSchema, value: unknown, prefix = ''): string[] {
  const errors = [...Value.Errors(schema, value)] as SchemaError[];
  const byPath = new Map<string, string>();
  const allowed = new Map<string, unknown[]>();
  for (const e of errors) {
    if (e.keyword === 'const') allowed.set(e.instancePath, [...(allowed.get(e.instancePath) ?? []), e.params.allowedValue]);
  }
  for (const e of errors) {
    const path = prefix + e.instancePath || '/';
    if (e.keyword === 'boolean') byPath.set(path, 'is not allowed here');
    else if (e.keyword === 'anyOf' && allowed.has(e.instancePath))
      byPath.set(path, `must be one of ${allowed.get(e.instancePath)!.map((v) => JSON.stringify(v)).join(', ')}`);
    else if (e.keyword !== 'const' && e.keyword !== 'additionalProperties' && !byPath.has(path)) byPath.set(path, e.message);
  }
  return [...byPath].map(([path, message]) => `${path}: ${message}`);
}

/** Checks a parsed scenario file against the schema and the rules a schema cannot say. */
export function validateScenario(raw: unknown): ScenarioValidation {
  const errors = schemaErrors(ScenarioShellSchema, raw);
  if (errors.length > 0) return { ok: false, errors };
  const scenario = raw as Scenario;
  const corpids = new Set<string>();
  const livingids = new Set<string>();
  const tokens = new Set<string>();
  scenario.corps.forEach((corp, c) => {
    const at = `/corps/${c}`;
    if (corpids.has(corp.corpid)) errors.push(`${at}/corpid: duplicate corpid ${corp.corpid}`);
    corpids.add(corp.corpid);
    const agentids = new Set<number>();
    corp.apps.forEach((app, a) => {
      if (agentids.has(app.agentid)) errors.push(`${at}/apps/${a}/agentid: duplicate agentid ${app.agentid}`);
      agentids.add(app.agentid);
      if (app.secret !== undefined && app.secret_hash !== undefined) errors.push(`${at}/apps/${a}: give secret or secret_hash, not both`);
      if (app.access_token !== undefined) {
        if (tokens.has(app.access_token)) errors.push(`${at}/apps/${a}/access_token: the same token is declared twice`);
        tokens.add(app.access_token);
      }
      app.trusted_ips?.forEach((ip, i) => {
        if (!isValidTrustedIp(ip)) errors.push(`${at}/apps/${a}/trusted_ips/${i}: not an IP address or CIDR block`);
      });
      // WeCom checks a provider's apps against the provider's list, never a per-app one.
      if ((app.kind === 'third_party' || app.kind === 'agency') && (app.trusted_ips?.length ?? 0) > 0)
        errors.push(`${at}/apps/${a}/trusted_ips: a ${app.kind} app is checked against its provider's allowlist: declare trusted_ips on its suite`);
    });
    corp.livings?.forEach((living, l) => {
      const lat = `${at}/livings/${l}`;
      if (livingids.has(living.livingid)) errors.push(`${lat}/livingid: duplicate livingid ${living.livingid}`);
      livingids.add(living.livingid);
      if (living.creator_agentid !== undefined && !agentids.has(living.creator_agentid))
        errors.push(`${lat}/creator_agentid: no app ${living.creator_agentid} in this corp`);
      living.events?.forEach((event, e) => {
        // The ingest rules (names, times, ...) with a stand-in livingid: a scenario's livingids need not have the real format.
        const checked = validateEvent({ ...event, livingid: ANY_LIVINGID }, e);
        if (!checked.ok) errors.push(`${lat}/events/${e}: ${checked.reason.replace(/^events\[\d+\]\.?\s*/, '')}`);
      });
      const seen = new Set<string>();
      (living.viewers as unknown[] | undefined)?.forEach((viewer, v) => {
        const vat = `${lat}/viewers/${v}`;
        const external = typeof viewer === 'object' && viewer !== null && 'external_userid' in viewer;
        const problems = schemaErrors(external ? ScenarioExternalViewerSchema : ScenarioMemberViewerSchema, viewer, vat);
        errors.push(...problems);
        if (problems.length > 0) return;
        const v2 = viewer as { userid?: string; external_userid?: string; invitor_userid?: string; invitor_external_userid?: string };
        const key = external ? `e:${v2.external_userid}` : `m:${v2.userid}`;
        if (seen.has(key)) errors.push(`${vat}: viewer ${key.slice(2)} is declared twice`);
        seen.add(key);
        if (v2.invitor_userid !== undefined && v2.invitor_external_userid !== undefined)
          errors.push(`${vat}: at most one of invitor_userid and invitor_external_userid`);
      });
    });
  });
  errors.push(...suiteErrors(scenario));
  scenario.faults?.forEach((spec, f) => {
    try {
      parseFault(spec);
    } catch (e) {
      errors.push(`/faults/${f}: ${(e as Error).message}`);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scenario };
}
