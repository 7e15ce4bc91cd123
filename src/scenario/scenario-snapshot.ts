import type { ViewerEvent } from '../domain/activity/viewer-state.js';
import type { LivingRecord } from '../domain/living-record.js';
import type { ViewerStat } from '../domain/model.js';
import type { LivingSnapshotRows } from '../store/snapshot-rows.js';
import type { Store } from '../store/store.js';
import type { Scenario, ScenarioCorp, ScenarioLiving, ScenarioSuite, ScenarioViewer } from './scenario-schema.js';

const b64 = (b: Buffer) => b.toString('base64url');
const seconds = (ms: number) => ms / 1000;

function viewerOf(v: ViewerStat): ScenarioViewer {
  const shared = { watch_time: v.watchTime, is_comment: v.isComment, is_mic: v.isMic };
  const invitor = v.invitorUserid !== undefined ? { invitor_userid: v.invitorUserid } : v.invitorExternalUserid !== undefined ? { invitor_external_userid: v.invitorExternalUserid } : {};
  return v.kind === 0 ? { userid: v.id, ...shared, ...invitor } : { external_userid: v.id, type: v.type ?? 1, name: v.name ?? '', ...shared, ...invitor };
}

function eventOf(e: ViewerEvent): NonNullable<ScenarioLiving['events']>[number] {
  return { id: e.id, at: e.at, kind: e.kind, viewer: e.viewer, ...(e.session === undefined ? {} : { session: e.session }), ...(e.invitor ? { invitor: e.invitor } : {}) };
}

function livingOf(r: LivingRecord, rows: LivingSnapshotRows | undefined, events: ViewerEvent[]): ScenarioLiving {
  const living: ScenarioLiving = {
    livingid: r.livingid,
    ...(r.creatorAgentid === undefined ? {} : { creator_agentid: r.creatorAgentid }),
    anchor_userid: r.anchorUserid,
    theme: r.theme,
    type: r.type,
    description: r.description,
    living_start: r.livingStart,
    living_duration: r.livingDuration,
    // Absent means on, and a load applies it either way.
    ...(r.openReplay === 1 ? {} : { open_replay: r.openReplay }),
  };
  if (rows && rows.declared.length > 0) living.viewers = rows.declared.map(viewerOf);
  const spec = rows?.synthetic;
  if (spec) living.synthetic_viewers = { members: spec.members, external: spec.external, seed: spec.seed, ...(spec.durationSeconds === r.livingDuration ? {} : { duration: spec.durationSeconds }) };
  if (events.length > 0) living.events = events.map(eventOf);
  const s = rows?.state ?? {};
  living.state = {
    ...(s.remindTime === undefined ? {} : { remind_time: s.remindTime }),
    ...(s.cancelledAtMs === undefined ? {} : { cancelled_at: seconds(s.cancelledAtMs) }),
    ...(s.replayDeletedAtMs === undefined ? {} : { replay_deleted_at: seconds(s.replayDeletedAtMs) }),
    ...(s.onAirAtMs === undefined ? {} : { on_air_at: seconds(s.onAirAtMs) }),
    ...(s.offAirAtMs === undefined ? {} : { off_air_at: seconds(s.offAirAtMs) }),
  };
  return living;
}

async function corpOf(store: Store, corpid: string): Promise<ScenarioCorp | undefined> {
  const corp = await store.getCorp(corpid);
  if (!corp) return undefined;
  const rows = await store.corpSnapshot(corpid);
  const secrets = new Map((await store.listAppSecrets(corpid)).map((s) => [s.agentid, s.secretHash]));
  const apps: ScenarioCorp['apps'] = [];
  for (const agentid of await store.listAgentids(corpid)) {
    const app = (await store.getApp(corpid, agentid))!;
    const secret = secrets.get(agentid);
    const tokens = rows.tokens.filter((t) => t.agentid === agentid).map((t) => ({
      sha256: b64(t.hash),
      ...(t.expiresAt === undefined ? {} : { expires_at: seconds(t.expiresAt) }),
      ...(t.nonce === undefined ? {} : { nonce: b64(t.nonce) }),
    }));
    apps.push({
      agentid,
      kind: app.kind,
      living_api: app.livingApi,
      trusted_ips: app.trustedIps,
      ...(secret === undefined ? {} : { secret_hash: secret }),
      ...(tokens.length === 0 ? {} : { access_token_hashes: tokens }),
    });
  }
  const extra = new Map(rows.livings.map((l) => [l.livingid, l]));
  const livings: ScenarioLiving[] = [];
  // By livingid, so two snapshots of the same world are the same text.
  const records = (await store.listLivings(corpid)).sort((a, b) => (a.livingid < b.livingid ? -1 : a.livingid > b.livingid ? 1 : 0));
  for (const r of records) livings.push(livingOf(r, extra.get(r.livingid), await store.livingEvents(corpid, r.livingid)));
  return {
    corpid,
    name: corp.name,
    grandfathered_system_app: corp.grandfatheredSystemApp,
    ...(rows.ingestKeyHashes.length === 0 ? {} : { ingest_key_hashes: rows.ingestKeyHashes.map(b64) }),
    apps,
    livings,
  };
}

async function suitesOf(store: Store): Promise<ScenarioSuite[]> {
  const { suites, tokens } = await store.suiteSnapshot();
  const out: ScenarioSuite[] = [];
  for (const s of suites) {
    const auths = await store.listSuiteAuthorizations(s.suiteId);
    const own = tokens.filter((t) => t.suiteId === s.suiteId).map((t) => ({ sha256: b64(t.hash), expires_at: seconds(t.expiresAt), nonce: b64(t.nonce) }));
    out.push({
      suite_id: s.suiteId,
      suite_secret_hash: s.secretHash,
      suite_ticket_hash: s.ticketHash,
      ...(s.trustedIps.length === 0 ? {} : { trusted_ips: s.trustedIps }),
      authorizations: auths.map((a) => ({ corpid: a.corpid, agentid: a.agentid, permanent_code_hash: a.permanentCodeHash })),
      ...(own.length === 0 ? {} : { suite_token_hashes: own }),
    });
  }
  return out;
}

/**
 * The world as a scenario document that loads back into an identical world: corps, apps, lives
 * with their state, declared and generated viewers, and every activity event (the loader folds
 * them into the same rows, open sessions included). Credentials appear only as the hashes the
 * store keeps. A corp's snapshot has no suites: they are shared by corps, and loading a suite
 * makes its authorizations exactly the document's. `cursorKey` is the key next_keys are signed
 * with, so the loaded world hands out the same next_keys.
 */
export async function snapshotWorld(store: Store, options: { corpid?: string | undefined; cursorKey: Buffer }): Promise<Scenario | undefined> {
  const corpids = options.corpid === undefined ? (await store.listCorps()).map((c) => c.corpid) : [options.corpid];
  const corps: ScenarioCorp[] = [];
  for (const corpid of corpids) {
    const corp = await corpOf(store, corpid);
    if (corp) corps.push(corp);
  }
  if (options.corpid !== undefined && corps.length === 0) return undefined;
  const suites = options.corpid === undefined ? await suitesOf(store) : [];
  return { corps, ...(suites.length === 0 ? {} : { suites }), cursor_key: b64(options.cursorKey) };
}
