// The generator moved to the scenario layer so the server's runtime scenario loader can use it too.
export { syntheticRows } from '../scenario/synthetic-rows.js';
