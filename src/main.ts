import { serve } from '@hono/node-server';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { Engine } from './engine/engine.js';
import { createFacilitator } from './facilitators/index.js';
import { createApp } from './server/app.js';
import { accessBanner, allowedHostNames, isLoopback, startupAccess } from './server/protection/index.js';
import { staticRoutes } from './server/static.js';
import {
  claimAccessTokenHash,
  countAccessFailures,
  findAccessSession,
  insertAccessSession,
  openDatabase,
  readAccessTokenHash,
  recordAccessFailure,
  startMaintenance,
} from './storage/index.js';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

function start(): void {
  // A .env beside the project, if there is one, fills what the environment does not set (git-ignored).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const maintenance = startMaintenance(db, { path: config.databasePath, snapshots: config.snapshots });
  const engine = new Engine({ db, facilitator: createFacilitator(config), flushIntervalMs: config.streamFlushMs });
  const allowedHosts = allowedHostNames(config.host, config.allowedHosts);
  const access = startupAccess({
    loopback: isLoopback(config.host),
    accessToken: config.accessToken,
    tokens: { read: () => readAccessTokenHash(db), claim: (hash) => claimAccessTokenHash(db, hash) },
    store: {
      findSession: (idHash, at) => findAccessSession(db, idHash, at),
      createSession: (session) => insertAccessSession(db, session),
      recordFailure: (address, at, forgetBefore) => recordAccessFailure(db, address, at, forgetBefore),
      failuresSince: (address, since) => countAccessFailures(db, address, since),
    },
  });
  const app = createApp({
    engine,
    version,
    staticRoutes: staticRoutes(),
    access: { allowedHosts, policy: access.policy },
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const banner = accessBanner({
      version,
      host: config.host,
      port: info.port,
      allowedHosts,
      access,
      databasePath: config.databasePath,
    });
    for (const line of banner) console.log(line);
    console.log(`Facilitator: ${engine.identity.label}`);
    console.log(`Sessions stored in ${config.databasePath}`);
    if (config.snapshots.keep > 0)
      console.log(`Daily snapshots: the last ${config.snapshots.keep} in ${config.snapshots.dir} (SNAPSHOTS_KEEP)`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping; replies in flight are stored as incomplete.`);
    await engine.shutdown();
    server.close();
    await maintenance.stop();
    db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

try {
  start();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
