// TODO(merge): remove after store branch lands. src/store still imports the keyset position
// from here under its old name; it is ViewerPosition (viewer-position.ts) now, and ViewerKey
// means only a viewer's grouping key (activity/viewer-key.ts).
export type { ViewerPosition as ViewerKey } from './viewer-position.js';
