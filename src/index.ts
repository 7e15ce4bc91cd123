// The package's public surface: the client SDK and the wire contract it speaks.
export * from './client/index.js';
export * from './protocol/index.js';
// The SDK's viewer types are what `Viewer` means to a user of the package.
export type { Viewer, MemberViewer, ExternalViewer } from './client/index.js';
