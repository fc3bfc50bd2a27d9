import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../src/config.js';
import { isAppError } from '../src/domain/index.js';
import { openDatabase, type Db } from '../src/storage/index.js';

/** The app's version, as the server reports it: an archive records which version wrote it. */
export const APP_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The database the server uses (DATABASE_PATH, from the environment or .env, as `npm start` reads it). */
export function openConfiguredDatabase(): { db: Db; path: string } {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  return { db: openDatabase(config.databasePath), path: config.databasePath };
}

/** Runs a command: a refusal or a wrong setting is printed as a sentence, with exit code 1 (2 for usage). */
export async function runCli(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      process.exit(2);
    }
    if (isAppError(e) || e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

export class UsageError extends Error {}
