export { isApiPath, NO_STORE, SECURITY_HEADERS, securityHeaders } from './headers.js';
export { wellFormedPath } from './paths.js';
export { refusal } from './refusal.js';
export { jsonBodies, requestHost, sameOriginWrites } from './origin.js';
