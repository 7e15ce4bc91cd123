/** Where the control API lives: under the admin prefix, behind the admin key. */
export const CONTROL_PREFIX = '/livestat/admin';

export const CONTROL_PATHS = {
  clock: `${CONTROL_PREFIX}/clock`,
  clockAdvance: `${CONTROL_PREFIX}/clock/advance`,
  corpClock: `${CONTROL_PREFIX}/corps/{corpid}/clock`,
  corpClockAdvance: `${CONTROL_PREFIX}/corps/{corpid}/clock/advance`,
  faults: `${CONTROL_PREFIX}/faults`,
  fault: `${CONTROL_PREFIX}/faults/{id}`,
  requests: `${CONTROL_PREFIX}/requests`,
  requestsCount: `${CONTROL_PREFIX}/requests/count`,
  outbound: `${CONTROL_PREFIX}/outbound`,
  outboundCount: `${CONTROL_PREFIX}/outbound/count`,
  seed: `${CONTROL_PREFIX}/seed`,
  scenario: `${CONTROL_PREFIX}/scenario`,
  corp: `${CONTROL_PREFIX}/corps/{corpid}`,
  corpApp: `${CONTROL_PREFIX}/corps/{corpid}/apps/{agentid}`,
  corpLiving: `${CONTROL_PREFIX}/corps/{corpid}/livings/{livingid}`,
  corpShareCodes: `${CONTROL_PREFIX}/corps/{corpid}/share-codes`,
  corpLivingCodeResolve: `${CONTROL_PREFIX}/corps/{corpid}/living-codes/resolve`,
  appCallback: `${CONTROL_PREFIX}/corps/{corpid}/apps/{agentid}/callback`,
  suiteCallback: `${CONTROL_PREFIX}/suites/{suite_id}/callback`,
  callbacksFlush: `${CONTROL_PREFIX}/callbacks/flush`,
  reset: `${CONTROL_PREFIX}/reset`,
  corpReset: `${CONTROL_PREFIX}/corps/{corpid}/reset`,
  state: `${CONTROL_PREFIX}/state`,
} as const;

/** Readiness, outside the admin prefix: probes carry no key. */
export const READY_PATH = '/livestat/ready';

/** A control path with its `{param}` placeholders filled in (percent-encoded). */
export function controlPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
