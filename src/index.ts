// The package's public surface: the client SDK and the wire contract it speaks.
export * from './protocol/index.js';
