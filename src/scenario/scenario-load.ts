import { hashSecret, lookupHash, verifySecret } from '../domain/credentials.js';
import { type App, type Living, type ViewerStat, livingFromFields } from '../domain/model.js';
import { foldNeedsAll, foldViewer } from '../domain/activity/fold-viewer.js';
import { DEFAULT_GRACE_MS } from '../domain/activity/viewer-state.js';
import { audienceEventBatches } from '../domain/audience/audience-events.js';
import type { IngestEvent } from '../protocol/events.js';
import type { LivingState } from '../store/snapshot-rows.js';
import type { Store, SyntheticSpec, TokenRecord, ViewerFold } from '../store/store.js';
import type { Scenario, ScenarioCorp, ScenarioLiving, ScenarioViewer } from './scenario-schema.js';
import { loadSuites } from './scenario-suites.js';
import { callbackConfig } from './scenario-callback.js';

/** What loading a scenario did. */
export interface LoadSummary {
  corps: number;
  apps: number;
  livings: number;
  /** False when the store already held exactly this scenario. */
  changed: boolean;
}

/** Generates a live's synthetic viewers (deterministic for a spec). */
type SyntheticRows = (spec: SyntheticSpec) => Iterable<ViewerStat>;

function toViewerStat(v: ScenarioViewer): ViewerStat {
  const stat: ViewerStat =
    'external_userid' in v
      ? { kind: 1, id: v.external_userid, type: v.type, name: v.name, watchTime: v.watch_time, isComment: v.is_comment, isMic: v.is_mic }
      : { kind: 0, id: v.userid, watchTime: v.watch_time, isComment: v.is_comment, isMic: v.is_mic };
  if (v.invitor_userid !== undefined) stat.invitorUserid = v.invitor_userid;
  if (v.invitor_external_userid !== undefined) stat.invitorExternalUserid = v.invitor_external_userid;
  return stat;
}

/** How a scenario's lives are filled: generated rows, and simulated events folded by the activity rules. */
export interface ScenarioGenerators {
  synthetic: SyntheticRows;
  nowMs: number;
  graceMs?: number;
}

async function simulate(store: Store, corpid: string, living: Living, spec: { viewers: number; seed?: number }, gen: ScenarioGenerators): Promise<boolean> {
  const opts = { livingid: living.livingid, viewers: spec.viewers, seed: spec.seed ?? 1, ...livingWindow(living) };
  const fold: ViewerFold = { needsAll: foldNeedsAll, fold: (input) => foldViewer(input, gen.nowMs, gen.graceMs ?? DEFAULT_GRACE_MS) };
  let changed = false;
  // Event ids are deterministic, so loading again finds only duplicates.
  for (const batch of audienceEventBatches(opts, 5000)) {
    const outcomes = await store.ingestEvents(corpid, batch, fold);
    changed = changed || outcomes.includes('accepted');
  }
  return changed;
}

/** A snapshot's events, ingested (and folded) as the ingest API would; duplicates change nothing. */
async function ingest(store: Store, corpid: string, livingid: string, events: readonly Omit<IngestEvent, 'livingid'>[], gen: ScenarioGenerators): Promise<boolean> {
  const fold: ViewerFold = { needsAll: foldNeedsAll, fold: (input) => foldViewer(input, gen.nowMs, gen.graceMs ?? DEFAULT_GRACE_MS) };
  let changed = false;
  for (let i = 0; i < events.length; i += 5000) {
    const batch = events.slice(i, i + 5000).map((e) => ({ ...e, livingid }));
    changed = (await store.ingestEvents(corpid, batch, fold)).includes('accepted') || changed;
  }
  return changed;
}

function issuedToken(corpid: string, agentid: number, t: { sha256: string; expires_at?: number; nonce?: string }): TokenRecord {
  const token: TokenRecord = { hash: Buffer.from(t.sha256, 'base64url'), corpid, agentid };
  if (t.expires_at !== undefined) token.expiresAt = Math.round(t.expires_at * 1000);
  if (t.nonce !== undefined) token.nonce = Buffer.from(t.nonce, 'base64url');
  return token;
}

function livingState(s: NonNullable<ScenarioLiving['state']>): LivingState {
  const out: LivingState = {};
  if (s.remind_time !== undefined) out.remindTime = s.remind_time;
  if (s.cancelled_at !== undefined) out.cancelledAtMs = Math.round(s.cancelled_at * 1000);
  if (s.replay_deleted_at !== undefined) out.replayDeletedAtMs = Math.round(s.replay_deleted_at * 1000);
  if (s.on_air_at !== undefined) out.onAirAtMs = Math.round(s.on_air_at * 1000);
  if (s.off_air_at !== undefined) out.offAirAtMs = Math.round(s.off_air_at * 1000);
  return out;
}

/** A snapshot's next_key secret becomes the database's, so the loaded world signs next_keys as the original did. */
export async function loadCursorKey(store: Store, scenario: Pick<Scenario, 'cursor_key'>): Promise<boolean> {
  return scenario.cursor_key === undefined ? false : store.replaceServerSecret(Buffer.from(scenario.cursor_key, 'base64url'));
}

function livingWindow(living: Living): { startMs: number; durationMs: number } {
  return { startMs: living.livingStart * 1000, durationMs: living.livingDuration * 1000 };
}

async function loadCorp(store: Store, corp: ScenarioCorp, gen: ScenarioGenerators): Promise<boolean> {
  let changed = await store.upsertCorp({ corpid: corp.corpid, name: corp.name ?? corp.corpid, grandfatheredSystemApp: corp.grandfathered_system_app ?? false });
  for (const key of corp.ingest_keys ?? []) changed = (await store.saveIngestKey(lookupHash(key), corp.corpid)) || changed;
  const stored = new Map((await store.listAppSecrets(corp.corpid)).map((s) => [s.agentid, s.secretHash]));
  for (const a of corp.apps) {
    const app: App = { corpid: corp.corpid, agentid: a.agentid, kind: a.kind, livingApi: a.living_api ?? false, trustedIps: a.trusted_ips ?? [] };
    const current = stored.get(a.agentid);
    // Secrets are salted, so an unchanged secret must keep its stored hash: re-hashing would
    // make every load a change. A snapshot gives the stored hash itself.
    const keep = a.secret !== undefined ? current !== undefined && verifySecret(a.secret, current) : a.secret_hash !== undefined && a.secret_hash === current;
    const given = a.secret ?? a.secret_hash;
    const secretHash = given === undefined ? null : keep ? undefined : (a.secret_hash ?? hashSecret(given));
    const secretChanged = secretHash !== undefined && (secretHash !== null || current !== undefined);
    changed = (await store.upsertApp(app, secretHash)) || changed;
    changed = (await store.setCallback({ kind: 'app', corpid: corp.corpid, agentid: a.agentid }, callbackConfig(a.callback))) || changed;
    // A reset secret invalidates what the old one obtained.
    if (secretChanged && current !== undefined) await store.revokeTokens(corp.corpid, a.agentid);
    if (a.access_token !== undefined) {
      const token = { hash: lookupHash(a.access_token), corpid: corp.corpid, agentid: a.agentid };
      const expiresAt = a.access_token_expires_at === undefined ? {} : { expiresAt: a.access_token_expires_at * 1000 };
      changed = (await store.saveToken({ ...token, ...expiresAt })) || changed;
    }
    for (const t of a.access_token_hashes ?? []) changed = (await store.saveToken(issuedToken(corp.corpid, a.agentid, t))) || changed;
  }
  for (const hash of corp.ingest_key_hashes ?? []) changed = (await store.saveIngestKey(Buffer.from(hash, 'base64url'), corp.corpid)) || changed;
  for (const l of corp.livings ?? []) {
    const living = livingFromFields(corp.corpid, l.livingid, l, l.creator_agentid);
    changed = (await store.upsertLiving(living)) || changed;
    changed = (await store.setOpenReplay(corp.corpid, l.livingid, l.open_replay ?? 1)) || changed;
    changed = (await store.setDeclaredViewers(corp.corpid, l.livingid, (l.viewers ?? []).map(toViewerStat))) || changed;
    const spec = { members: l.synthetic_viewers?.members ?? 0, external: l.synthetic_viewers?.external ?? 0, seed: l.synthetic_viewers?.seed ?? 1, durationSeconds: l.synthetic_viewers?.duration ?? l.living_duration };
    changed = (await store.setSyntheticViewers(corp.corpid, l.livingid, spec, () => gen.synthetic(spec))) || changed;
    if (l.simulated_audience) changed = (await simulate(store, corp.corpid, living, l.simulated_audience, gen)) || changed;
    if (l.events) changed = (await ingest(store, corp.corpid, l.livingid, l.events, gen)) || changed;
    if (l.state) changed = (await store.restoreLivingState(corp.corpid, l.livingid, livingState(l.state))) || changed;
  }
  return changed;
}

/**
 * Makes the store hold what the scenario declares. Idempotent: loading the same scenario
 * again changes nothing (and reports `changed: false`).
 */
export async function loadScenario(store: Store, scenario: Scenario, gen: ScenarioGenerators): Promise<LoadSummary> {
  let changed = false;
  for (const corp of scenario.corps) changed = (await loadCorp(store, corp, gen)) || changed;
  changed = (await loadSuites(store, scenario)) || changed;
  changed = (await loadCursorKey(store, scenario)) || changed;
  return {
    corps: scenario.corps.length,
    apps: scenario.corps.reduce((n, c) => n + c.apps.length, 0),
    livings: scenario.corps.reduce((n, c) => n + (c.livings?.length ?? 0), 0),
    changed,
  };
}
