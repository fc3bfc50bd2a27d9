/**
 * npm run backup -- --out FILE [--client NAME]   a portable archive (JSON) of every client, or of one
 * npm run backup -- --snapshot FILE              a copy of the whole database file (SQLite online backup)
 * Safe while the server runs. The database is DATABASE_PATH, as for `npm start`.
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { snapshotDatabase, writeArchive } from '../src/storage/index.js';
import { APP_VERSION, UsageError, openConfiguredDatabase, runCli } from './cliSupport.js';

const USAGE = 'Usage: npm run backup -- --out FILE [--client NAME]   or   npm run backup -- --snapshot FILE';

await runCli(async () => {
  let args: { out?: string; client?: string; snapshot?: string };
  try {
    args = parseArgs({
      options: { out: { type: 'string' }, client: { type: 'string' }, snapshot: { type: 'string' } },
    }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  if (!args.out === !args.snapshot) throw new UsageError(USAGE);
  if (args.snapshot && args.client)
    throw new UsageError(`A snapshot is the whole database; --client goes with --out.\n${USAGE}`);
  const { db, path } = openConfiguredDatabase();
  try {
    if (args.snapshot) {
      await snapshotDatabase(db, args.snapshot);
      console.log(`Snapshot of ${path} written to ${args.snapshot} (${statSync(args.snapshot).size} bytes).`);
      return;
    }
    const out = args.out!;
    const archive = writeArchive(db, { appVersion: APP_VERSION, clientName: args.client });
    const partial = `${out}.${process.pid}.partial`;
    try {
      writeFileSync(partial, JSON.stringify(archive));
      renameSync(partial, out);
    } finally {
      rmSync(partial, { force: true });
    }
    const what = 'client' in archive.scope ? `client "${archive.scope.client}"` : 'every client';
    const counts = Object.entries(archive.counts)
      .map(([table, n]) => `${n} ${table}`)
      .join(', ');
    console.log(`Backup of ${what} written to ${out}: ${counts}.`);
  } finally {
    db.close();
  }
});
