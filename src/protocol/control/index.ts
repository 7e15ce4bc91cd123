export * from './paths.js';
export * from './errors.js';
export * from './clock.js';
export * from './faults.js';
export * from './journal.js';
export * from './world.js';
export * from './codes.js';
export * from './callbacks.js';
