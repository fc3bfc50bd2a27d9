/**
 * npm run restore -- FILE [--merge]
 * Restores a backup archive into the database (DATABASE_PATH) as new rows; nothing there is changed.
 * A client whose name is taken comes in renamed ("… (restored DATE)"), or with --merge joins the
 * client of that name. The archive is checked whole first and restored whole or not at all.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { restoreArchive } from '../src/storage/index.js';
import { UsageError, openConfiguredDatabase, runCli } from './cliSupport.js';

const USAGE = 'Usage: npm run restore -- FILE [--merge]';

await runCli(() => {
  let parsed: { values: { merge?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ options: { merge: { type: 'boolean' } }, allowPositionals: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(USAGE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const { db, path } = openConfiguredDatabase();
  try {
    const report = restoreArchive(db, text, { mergeClients: parsed.values.merge === true });
    console.log(`Restored into ${path}:`);
    for (const c of report.clients) {
      const how = {
        added: 'new client',
        merged: 'joined the existing client',
        renamed: `renamed from "${c.from}": the name was taken`,
      }[c.as];
      console.log(`  ${c.name} (client ${c.id}): ${how}`);
    }
    for (const s of report.sessions) console.log(`  session ${s.id}: ${s.client}, ${s.quarter}`);
    console.log(
      `  rows: ${Object.entries(report.rows)
        .map(([table, n]) => `${n} ${table}`)
        .join(', ')}`,
    );
  } finally {
    db.close();
  }
});
