export { type AccessPolicy, accessGate } from './gate.js';
export type { AccessStore } from './store.js';
export { generateAccessToken, hashAccessToken } from './token.js';
export { type StartupAccess, startupAccess, type TokenHashStore, type TokenSource } from './startup.js';
