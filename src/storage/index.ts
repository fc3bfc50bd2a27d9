export * from './db.js';
export * from './migrations.js';
export * from './clients.js';
export * from './sessions.js';
export * from './messages.js';
export * from './artifacts.js';
export * from './calls.js';
export * from './search.js';
