import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as store from '../../src/storage/index.js';

/** The migration that lets a client's question banks be chosen (clients.profile_industry, profile_region). */
const version = store.MIGRATIONS.findIndex((m) => m.up.includes('profile_industry')) + 1;

/** A database of the schema before it, with clients as that version stored them. */
function previousSchema(clients: ReadonlyArray<readonly [name: string, industry: string, currency: string | null]>) {
  const db = new Database(':memory:');
  store.migrate(db, store.MIGRATIONS.slice(0, version - 1));
  const insert = db.prepare('INSERT INTO clients (name, industry, currency, created_at) VALUES (?, ?, ?, ?)');
  for (const [name, industry, currency] of clients) insert.run(name, industry, currency, '2027-01-01');
  return db;
}

describe('the question-bank migration (clients.profile_industry, profile_region)', () => {
  it("comes after the proposals' readings, the last migration before it", () => {
    expect(version).toBe(store.MIGRATIONS.findIndex((m) => m.up.includes('ADD COLUMN readings')) + 2);
  });

  it("upgrades a database made by the previous version: each client's banks are inferred from its industry, nothing else changes", () => {
    const db = previousSchema([
      ['Brightwater Dental Partners', 'Dental practice group, England', 'GBP'],
      ['Ridgeline Freight', 'Regional truckload carrier, US Midwest', 'USD'],
      ['Northwind', 'Freight forwarding', null],
      ['Vague Holdings', 'Something else entirely', null],
    ]);
    expect(store.migrate(db)).toEqual({ from: version - 1, to: store.MIGRATIONS.length });
    const clients = store.listClients(db).map((c) => [c.name, c.industry, c.currency, c.profile, c.profileChosen]);
    expect(clients).toEqual([
      [
        'Brightwater Dental Partners',
        'Dental practice group, England',
        'GBP',
        { industry: 'healthcare_dental', region: 'uk' },
        false,
      ],
      ['Northwind', 'Freight forwarding', null, { industry: 'logistics', region: 'eu' }, false],
      [
        'Ridgeline Freight',
        'Regional truckload carrier, US Midwest',
        'USD',
        { industry: 'logistics', region: 'us' },
        false,
      ],
      // No word to go on: the banks as they were written, for an EU software company.
      ['Vague Holdings', 'Something else entirely', null, { industry: 'software_saas', region: 'eu' }, false],
    ]);
  });

  it('keeps banks chosen after the upgrade through a restart (the migration runs once), and infers again on null', () => {
    const db = previousSchema([['Northwind', 'Freight forwarding', null]]);
    store.migrate(db);
    const [client] = store.listClients(db);
    store.setClientProfile(db, client!.id, { industry: 'retail', region: 'us' });
    store.migrate(db);
    expect(store.getClient(db, client!.id)).toMatchObject({
      profile: { industry: 'retail', region: 'us' },
      profileChosen: true,
    });
    store.setClientProfile(db, client!.id, null);
    expect(store.getClient(db, client!.id)).toMatchObject({
      profile: { industry: 'logistics', region: 'eu' },
      profileChosen: false,
    });
  });

  it('restores an archive written before, its clients inferred, and keeps chosen banks through an archive', () => {
    const db = store.openDatabase(':memory:');
    store.insertClient(db, 'Ridgeline Freight', 'Truckload carrier', {
      currency: 'USD',
      profile: { industry: 'logistics', region: 'us' },
    });
    const text = JSON.stringify(store.writeArchive(db, { appVersion: 'test' }));

    const kept = store.openDatabase(':memory:');
    store.restoreArchive(kept, text);
    expect(store.listClients(kept)[0]).toMatchObject({
      currency: 'USD',
      profile: { industry: 'logistics', region: 'us' },
      profileChosen: true,
    });

    // The same archive as the previous version wrote it: its client rows have no profile columns.
    const archive = JSON.parse(text);
    archive.schemaVersion = version - 1;
    for (const row of archive.tables.clients) {
      delete row.profile_industry;
      delete row.profile_region;
    }
    archive.sha256 = createHash('sha256').update(JSON.stringify(archive.tables)).digest('hex');
    const older = store.openDatabase(':memory:');
    store.restoreArchive(older, JSON.stringify(archive));
    expect(store.listClients(older)[0]).toMatchObject({
      currency: 'USD',
      profile: { industry: 'logistics', region: 'eu' },
      profileChosen: false,
    });
  });
});
