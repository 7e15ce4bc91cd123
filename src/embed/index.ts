// `livestat/server`: the server `livestat serve` runs, as a library for embedding.
export { createServer, type CreateServerOptions, type LivestatServer } from './create-server.js';
export { demoScenarioPath } from './package-files.js';
export type { ScenarioInput } from './scenario-input.js';
export type { Scenario } from '../scenario/scenario-schema.js';
export type { LoadSummary } from '../scenario/scenario-load.js';
export { ScenarioFileError } from '../scenario/scenario-file-error.js';
export { ManualClock, systemClock, type Clock } from '../domain/clock.js';
