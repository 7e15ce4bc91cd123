import type { App, Corp, Living } from './model.js';

/**
 * Since 2023-12-01 00:00 (Beijing time) a system app's secret may no longer call the
 * live-stream API, except in corps that already did.
 */
export const SYSTEM_APP_CUTOFF_MS = Date.UTC(2023, 10, 30, 16, 0, 0);

/** Whether the app may call the live-stream API at all (else 48002). */
export function mayCallLivingApi(app: App, corp: Corp, nowMs: number): boolean {
  if (app.kind === 'system') return corp.grandfatheredSystemApp || nowMs < SYSTEM_APP_CUTOFF_MS;
  return app.livingApi;
}

/**
 * Whether the app may read this live (else 92008). The system app reads every live of its
 * corp; any other app reads the lives that it created.
 */
export function mayReadLiving(app: App, living: Living): boolean {
  if (app.corpid !== living.corpid) return false;
  if (app.kind === 'system') return true;
  return living.creatorAgentid === app.agentid;
}

/**
 * Whether the app may change this live (modify, cancel, delete its replay), else 92008: the
 * same rule as reading — its creator, or the system app, which owns every live of its corp.
 */
export function mayManageLiving(app: App, living: Living): boolean {
  return mayReadLiving(app, living);
}

/**
 * Whether the app may modify this live (else 92008): only the app that created it (doc 93640) —
 * not the system app for another app's live, and no app for a live made in the WeCom client.
 */
export function mayModifyLiving(app: App, living: Living): boolean {
  return app.corpid === living.corpid && living.creatorAgentid === app.agentid;
}
