export * from './errcodes.js';
export * from './errmsg.js';
export * from './ids.js';
export * from './gettoken.js';
export * from './watch-stat.js';
export * from './events.js';
