import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as store from '../../src/storage/index.js';

describe('daily snapshots', () => {
  it("takes one a day beside the database with SQLite's online backup, and keeps the newest N", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foresight-snap-'));
    const path = join(dir, 'foresight.db');
    const db = store.openDatabase(path);
    store.insertClient(db, 'Northwind', 'Logistics');
    const policy = { dir: join(dir, 'snapshots'), keep: 3 };
    const day = (d: number) => new Date(Date.UTC(2027, 0, d, 12));
    expect(basename((await store.takeDailySnapshot(db, path, policy, day(1)))!)).toBe('foresight-2027-01-01.db');
    // Again the same day: nothing to do.
    expect(await store.takeDailySnapshot(db, path, policy, day(1))).toBeNull();
    for (const d of [2, 3, 4, 5]) await store.takeDailySnapshot(db, path, policy, day(d));
    expect(store.listSnapshots(path, policy.dir).map((f) => basename(f))).toEqual([
      'foresight-2027-01-03.db',
      'foresight-2027-01-04.db',
      'foresight-2027-01-05.db',
    ]);
    // A snapshot is a whole database, with what was committed when it was taken.
    const copy = store.openDatabase(join(policy.dir, 'foresight-2027-01-05.db'));
    expect(store.listClients(copy).map((c) => c.name)).toEqual(['Northwind']);
    copy.close();
    expect(await store.takeDailySnapshot(db, path, { ...policy, keep: 0 }, day(6))).toBeNull();
    expect(existsSync(join(policy.dir, 'foresight-2027-01-06.db'))).toBe(false);
    db.close();
  });
});
describe('the automatic snapshot', () => {
  it("is taken when the server's upkeep starts, and not again the same day", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foresight-upkeep-'));
    const path = join(dir, 'foresight.db');
    const db = store.openDatabase(path);
    const snapshots = { dir: join(dir, 'snapshots'), keep: 2, checkEveryMs: 20 };
    const maintenance = store.startMaintenance(db, { path, snapshots });
    await new Promise((r) => setTimeout(r, 150));
    await maintenance.stop();
    expect(store.listSnapshots(path, snapshots.dir)).toHaveLength(1);
    // Off: nothing is written.
    const off = store.startMaintenance(db, { path, snapshots: { ...snapshots, dir: join(dir, 'none'), keep: 0 } });
    await off.stop();
    expect(store.listSnapshots(path, join(dir, 'none'))).toEqual([]);
    db.close();
  });
});
