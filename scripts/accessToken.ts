/**
 * `npm run access-token`: a new access token for a server reachable from the network, for when the
 * one printed on the first start is lost or must be withdrawn. Stores its hash in place of the old
 * one (every browser signed in with the old one must sign in again), prints the token once. Restart
 * the server afterwards: a running one keeps the token it started with. With ACCESS_TOKEN set, the
 * server uses that instead; change it there.
 */
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../src/config.js';
import { generateAccessToken, hashAccessToken } from '../src/server/protection/index.js';
import { openDatabase, replaceAccessTokenHash } from '../src/storage/index.js';

try {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const token = generateAccessToken();
  replaceAccessTokenHash(db, hashAccessToken(token));
  db.close();
  console.log(`A new access token for ${config.databasePath} (shown only this once; only its hash is kept):`);
  console.log('');
  console.log(`    ${token}`);
  console.log('');
  console.log('Restart the server to use it. Browsers signed in with the old token must sign in again.');
  if (config.accessToken !== null)
    console.log('Note: ACCESS_TOKEN is set, and the server uses it instead of this one while it is.');
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
