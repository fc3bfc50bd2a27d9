import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as store from '../../src/storage/index.js';
import { harness } from '../support/harness.js';
import { ScriptedFacilitator } from '../support/scriptedFacilitator.js';
import { countRows, workedQuarter } from '../support/workedQuarter.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const JSON_TYPE = { 'content-type': 'application/json' };

describe('backup and restore over HTTP', () => {
  it('downloads an archive and restores it through the upload route, reporting what came in', async () => {
    const source = harness(new ScriptedFacilitator());
    await workedQuarter(source, '2027-Q1', {}, 'We broker freight');
    const res = await source.app.request('/api/backup');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="foresight-backup_\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await res.text();

    const target = harness(new ScriptedFacilitator());
    const restored = await target.app.request('/api/restore', { method: 'POST', body: text, headers: JSON_TYPE });
    expect(restored.status).toBe(201);
    const { restored: report } = (await restored.json()) as { restored: store.RestoreReport };
    expect(report.clients).toEqual([expect.objectContaining({ name: 'Northwind Logistics', as: 'added' })]);
    expect(report.rows.messages).toBe(countRows(source, 'messages'));
    const sessions = (await (await target.app.request('/api/sessions')).json()) as { sessions: unknown[] };
    expect(sessions.sessions).toHaveLength(1);
  });

  it('backs up one client by id, and refuses a damaged upload with a 422 naming the problem', async () => {
    const h = harness(new ScriptedFacilitator());
    await workedQuarter(h, '2027-Q1');
    await workedQuarter(h, '2027-Q1', { clientName: 'Acme', industry: 'Retail' });
    const acme = store.findClientByName(h.db, 'Acme')!;
    const res = await h.app.request(`/api/backup?clientId=${acme.id}`);
    expect(res.headers.get('content-disposition')).toMatch(/filename="foresight-backup_acme_\d{4}-\d{2}-\d{2}\.json"/);
    const archive = (await res.json()) as store.Archive;
    expect(archive.counts.clients).toBe(1);
    const before = countRows(h, 'messages');
    const bad = await h.app.request('/api/restore', {
      method: 'POST',
      body: JSON.stringify(archive).slice(0, 500),
      headers: JSON_TYPE,
    });
    expect(bad.status).toBe(422);
    const { error } = (await bad.json()) as { error: { message: string; field: string } };
    expect(error.message).toMatch(/cut short or damaged/);
    expect(error.field).toBe('archive');
    expect(countRows(h, 'messages')).toBe(before);
    expect((await h.app.request('/api/restore', { method: 'POST', body: '', headers: JSON_TYPE })).status).toBe(422);
    expect((await h.app.request('/api/backup?clientId=999')).status).toBe(404);
  });
});

describe('npm run backup and npm run restore', () => {
  it('write an archive and a snapshot of the configured database, and restore the archive into another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foresight-cli-'));
    const sourcePath = join(dir, 'source.db');
    const db = store.openDatabase(sourcePath);
    const h = harness(new ScriptedFacilitator(), { db });
    await workedQuarter(h, '2027-Q1', {}, 'We broker freight');
    db.close();
    const env = (path: string) => ({ ...process.env, DATABASE_PATH: path, PROVIDER: 'offline' });
    const tsx = (script: string, args: string[], path: string) =>
      run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: env(path) });

    const out = join(dir, 'backup.json');
    const backup = await tsx('scripts/backup.ts', ['--out', out, '--client', 'northwind logistics'], sourcePath);
    expect(backup.stdout).toMatch(
      /Backup of client "Northwind Logistics" written to .*backup\.json: 1 clients, 1 sessions, \d+ messages/,
    );
    const snapshot = join(dir, 'whole.db');
    await tsx('scripts/backup.ts', ['--snapshot', snapshot], sourcePath);
    const copy = store.openDatabase(snapshot);
    expect(countRows({ db: copy }, 'messages')).toBeGreaterThan(1);
    copy.close();

    const targetPath = join(dir, 'target.db');
    const restored = await tsx('scripts/restore.ts', [out], targetPath);
    expect(restored.stdout).toMatch(/Northwind Logistics \(client 1\): new client/);
    expect(restored.stdout).toMatch(/session 1: Northwind Logistics, 2027-Q1/);
    const target = store.openDatabase(targetPath);
    expect(countRows({ db: target }, 'artifacts')).toBe(JSON.parse(readFileSync(out, 'utf8')).counts.artifacts);
    target.close();

    writeFileSync(join(dir, 'cut.json'), readFileSync(out, 'utf8').slice(0, 100));
    const refused = await tsx('scripts/restore.ts', [join(dir, 'cut.json')], targetPath).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing was written: it is not complete JSON/);
  }, 60_000);
});
