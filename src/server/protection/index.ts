export {
  type AccessPolicy,
  type AccessStore,
  accessGate,
  generateAccessToken,
  hashAccessToken,
  type StartupAccess,
  startupAccess,
  type TokenHashStore,
  type TokenSource,
} from './access/index.js';
export { accessBanner } from './banner.js';
export { isApiPath, NO_STORE, SECURITY_HEADERS, securityHeaders } from './headers.js';
export { allowedHostNames, hostAllowList, hostName, isLoopback } from './hosts.js';
export { jsonBodies, requestHost, sameOriginWrites } from './origin.js';
export { wellFormedPath } from './paths.js';
export { refusal } from './refusal.js';
