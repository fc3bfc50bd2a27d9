import type { StartupAccess } from './access/index.js';
import { isLoopback } from './hosts.js';

/**
 * What the start-up banner says about reach: the address to open, who can reach the server, the
 * names it answers to, and whether a token is required (and, on the start that made it, the token).
 */
export function accessBanner(options: {
  readonly version: string;
  readonly host: string;
  readonly port: number;
  readonly allowedHosts: ReadonlySet<string>;
  readonly access: StartupAccess;
  readonly databasePath: string;
}): string[] {
  const { version, host, port, allowedHosts, access, databasePath } = options;
  const wildcard = host === '0.0.0.0' || host === '::';
  const url = (name: string) => `http://${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`;
  const others = [...allowedHosts].filter((h) => !isLoopback(h) && h !== host);
  const lines = [
    wildcard
      ? `Foresight Accelerator ${version} on ${url('127.0.0.1')}, and from the network on ${others.map(url).join(', ') || 'this machine’s addresses'}`
      : `Foresight Accelerator ${version} on ${url(host)}`,
  ];
  const token = access.policy.kind === 'token';
  if (isLoopback(host)) {
    lines.push(
      `Who can reach it: this machine only (bound to ${host})${token ? ', with the access token' : ''}. Names it answers to: ${[...allowedHosts].join(', ')}.`,
    );
  } else {
    lines.push(
      `Who can reach it: ANYONE WHO CAN REACH THIS MACHINE (bound to ${host}) and has the access token. Names it answers to: ${[...allowedHosts].join(', ')} (add more in ALLOWED_HOSTS). Serve it over HTTPS: see README, "Who can reach it".`,
    );
  }
  switch (access.source) {
    case 'none':
      lines.push('Access token: off. Set ACCESS_TOKEN to require one (a shared machine).');
      break;
    case 'environment':
      lines.push('Access token: required (ACCESS_TOKEN).');
      break;
    case 'stored':
      lines.push(
        `Access token: required (generated on the first start; only its hash is kept, in ${databasePath}). Lost it? Stop the server, run \`npm run access-token\`, start again.`,
      );
      break;
    case 'generated':
      lines.push(
        'Access token: required. Generated now and shown only this once (only its hash is kept); open the page and enter it, or send it as Authorization: Bearer <token>:',
        '',
        `    ${access.newToken}`,
        '',
      );
      break;
    default: {
      const unreachable: never = access.source;
      return unreachable;
    }
  }
  return lines;
}
