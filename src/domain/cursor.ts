// TODO(merge): remove after store branch lands. src/store still imports the keyset position
// under its old name from here; it is ViewerPosition in viewer-position.ts now.
export type { ViewerPosition as ViewerKey } from './viewer-position.js';
