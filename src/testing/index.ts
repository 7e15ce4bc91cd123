// `livestat/testing`: a real livestat in the test process, one call away.
export { startLivestat, type StartLivestatOptions, type Livestat } from './start-livestat.js';
export type { AppCredentials } from './credentials.js';
export { ManualClock, type Clock } from '../domain/clock.js';
export type { Scenario } from '../scenario/scenario-schema.js';
export type { ScenarioInput } from '../embed/scenario-input.js';
export { demoScenarioPath } from '../embed/package-files.js';
