export * from './admin-paths.js';
export * from './admin-error.js';
export * from './admin-corps.js';
export * from './admin-livings.js';
export * from './admin-audience.js';
export * from './admin-timeline.js';
export * from './admin-period.js';
export * from './admin-attendance.js';
