import type { MiddlewareHandler } from 'hono';
import { networkInterfaces } from 'node:os';
import { requestHost } from './origin.js';
import { refusal } from './refusal.js';

/** The names this machine answers to for itself. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** Whether binding to `host` keeps the server on this machine. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** A host name as it appears in a Host header: lower case, an IPv6 address in brackets, no port. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  if (h.split(':').length > 2) return `[${h}]`; // a bare IPv6 address
  return h.replace(/:\d*$/, '');
}

/**
 * The names a request may address this server by: the loopback names, the address it is bound to
 * (for 0.0.0.0 or ::, every address of this machine's interfaces), and the names the advisor adds
 * (ALLOWED_HOSTS: a reverse proxy's public name, the machine's name on the network). An IP address
 * cannot be rebound by a foreign DNS name, so listing the interfaces' addresses is safe.
 */
export function allowedHostNames(bindHost: string, extra: readonly string[]): ReadonlySet<string> {
  const names = new Set([...LOOPBACK_NAMES, ...extra.map(hostName)]);
  if (WILDCARDS.has(bindHost)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const a of addresses ?? []) names.add(hostName(a.family === 'IPv6' ? `[${a.address}]` : a.address));
    }
  } else {
    names.add(hostName(bindHost));
  }
  return names;
}

/**
 * Answers only requests addressed to one of its own names, before any route runs (DNS rebinding:
 * a page on evil.example whose name is made to resolve to 127.0.0.1 sends Host: evil.example, and
 * would otherwise read everything as if it were the page itself).
 */
export function hostAllowList(allowed: ReadonlySet<string>): MiddlewareHandler {
  return async function hostAllowList(c, next) {
    const name = hostName(requestHost(c));
    if (!allowed.has(name)) {
      return refusal(
        c,
        421,
        'misdirected',
        `This server does not answer to the name "${name}". If you reach it by that name (a reverse proxy, the machine's name on your network), add it to ALLOWED_HOSTS and restart.`,
      );
    }
    return next();
  };
}
