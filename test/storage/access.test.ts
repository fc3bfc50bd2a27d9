import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initialProgress } from '../../src/domain/index.js';
import * as store from '../../src/storage/index.js';

describe('access control storage', () => {
  it('migrates a database made by the previous version, keeping its sessions', () => {
    const db = new Database(':memory:');
    const previous = store.MIGRATIONS.findIndex((m) => m.up.includes('CREATE TABLE access_token'));
    expect(previous).toBeGreaterThan(0);
    store.migrate(db, store.MIGRATIONS.slice(0, previous));
    // Written as that schema had it (today's insertClient names columns added later).
    const clientId = Number(
      db
        .prepare("INSERT INTO clients (name, industry, created_at) VALUES ('Northwind Logistics', 'Logistics', 'now')")
        .run().lastInsertRowid,
    );
    store.insertSession(db, {
      clientId,
      quarter: '2027-Q1',
      mode: 'quarterly',
      title: null,
      progress: initialProgress('quarterly'),
    });
    store.migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(store.MIGRATIONS.length);
    expect(store.listClients(db).map((c) => c.name)).toEqual(['Northwind Logistics']);
    expect(store.readAccessTokenHash(db)).toBeNull();
  });

  it('stores the first token hash claimed, and only that one, until it is replaced', () => {
    const db = store.openDatabase(':memory:');
    expect(store.claimAccessTokenHash(db, 'a'.repeat(64))).toBe(true);
    expect(store.claimAccessTokenHash(db, 'b'.repeat(64))).toBe(false);
    expect(store.readAccessTokenHash(db)).toBe('a'.repeat(64));
    store.insertAccessSession(db, {
      idHash: 'c'.repeat(64),
      binding: 'd',
      createdAt: '2027-01-01T00:00:00.000Z',
      expiresAt: '2027-01-31T00:00:00.000Z',
    });
    store.replaceAccessTokenHash(db, 'e'.repeat(64));
    expect(store.readAccessTokenHash(db)).toBe('e'.repeat(64));
    // A new token ends every session opened with the old one.
    expect(store.findAccessSession(db, 'c'.repeat(64), '2027-01-02T00:00:00.000Z')).toBeNull();
  });

  it('finds a session until it expires', () => {
    const db = store.openDatabase(':memory:');
    const session = {
      idHash: 'f'.repeat(64),
      binding: 'g',
      createdAt: '2027-01-01T00:00:00.000Z',
      expiresAt: '2027-01-31T00:00:00.000Z',
    };
    store.insertAccessSession(db, session);
    expect(store.findAccessSession(db, session.idHash, '2027-01-30T23:59:59.000Z')).toEqual({ binding: 'g' });
    expect(store.findAccessSession(db, session.idHash, '2027-01-31T00:00:00.000Z')).toBeNull();
    expect(store.findAccessSession(db, 'h'.repeat(64), '2027-01-02T00:00:00.000Z')).toBeNull();
  });

  it('counts failed attempts per address within the window, forgetting older ones', () => {
    const db = store.openDatabase(':memory:');
    store.recordAccessFailure(db, '10.0.0.1', '2027-01-01T00:00:00.000Z', '2026-12-31T23:45:00.000Z');
    store.recordAccessFailure(db, '10.0.0.1', '2027-01-01T00:10:00.000Z', '2026-12-31T23:55:00.000Z');
    store.recordAccessFailure(db, '10.0.0.2', '2027-01-01T00:11:00.000Z', '2026-12-31T23:56:00.000Z');
    expect(store.countAccessFailures(db, '10.0.0.1', '2027-01-01T00:00:00.000Z')).toBe(2);
    expect(store.countAccessFailures(db, '10.0.0.1', '2027-01-01T00:05:00.000Z')).toBe(1);
    expect(store.countAccessFailures(db, '10.0.0.2', '2027-01-01T00:00:00.000Z')).toBe(1);
    store.recordAccessFailure(db, '10.0.0.2', '2027-01-01T00:30:00.000Z', '2027-01-01T00:15:00.000Z');
    expect(db.prepare('SELECT count(*) AS n FROM access_failures').get()).toEqual({ n: 1 });
  });
});
