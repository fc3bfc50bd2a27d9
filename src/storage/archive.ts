import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, notFound } from '../domain/index.js';
import { findClientRecordByName } from './clients.js';
import { inOneRead, now, type Db } from './db.js';
import { upgradeArtifactText } from './artifactUpgrades.js';
import { MIGRATIONS } from './migrations.js';
import { TABLES, type TableSpec } from './tables.js';

/**
 * A portable backup of the user's work: one JSON file holding every row of every table in TABLES
 * (all of a client's, or all of them), column by column as stored, with the versions that wrote it
 * and a SHA-256 of its rows. Restoring validates every row with the same schemas, inserts it as a
 * new row (ids remapped, references followed), and never touches what is already there.
 */
export const ARCHIVE_FORMAT = 'foresight-accelerator/archive';
/** The layout of the file itself; the database schema it came from is `schemaVersion`. */
export const ARCHIVE_VERSION = 1;

export interface Archive {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly version: number;
  /** The database schema (migration) version the rows were read from. */
  readonly schemaVersion: number;
  readonly appVersion: string;
  readonly createdAt: string;
  /** Whose work it holds: one client's (by name), or everything. */
  readonly scope: { readonly client: string } | { readonly all: true };
  readonly counts: Readonly<Record<string, number>>;
  /** SHA-256 (hex) of JSON.stringify(tables): a file cut short or changed by hand is refused. */
  readonly sha256: string;
  readonly tables: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

const digest = (tables: unknown) => createHash('sha256').update(JSON.stringify(tables)).digest('hex');

/** Reads the archive in one snapshot: every table of the registry, all rows or the client's. */
export function writeArchive(db: Db, options: { appVersion: string; clientName?: string }): Archive {
  return inOneRead(db, () => {
    let scope: Archive['scope'] = { all: true };
    let where = '';
    let params: Record<string, string> = {};
    if (options.clientName !== undefined) {
      const record = findClientRecordByName(db, options.clientName);
      if (!record) throw notFound(`A client named "${options.clientName}"`);
      const sessions = db.prepare('SELECT id FROM sessions WHERE client_id = ?').pluck().all(record.client.id);
      scope = { client: record.client.name };
      params = { clients: JSON.stringify([record.client.id]), sessions: JSON.stringify(sessions) };
    }
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const spec of TABLES as readonly TableSpec[]) {
      where = options.clientName !== undefined ? `WHERE ${spec.scope}` : '';
      tables[spec.name] = db.prepare(`SELECT * FROM ${spec.name} ${where} ORDER BY rowid`).all(params) as Record<
        string,
        unknown
      >[];
    }
    return {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      schemaVersion: MIGRATIONS.length,
      appVersion: options.appVersion,
      createdAt: now(),
      scope,
      counts: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])),
      sha256: digest(tables),
      tables,
    };
  });
}

export interface RestoreOptions {
  /** A client whose name is already taken joins that client instead of coming in under a new name. */
  readonly mergeClients?: boolean;
}

/** What came in: new rows per table, and what became of each client of the archive. */
export interface RestoreReport {
  readonly rows: Readonly<Record<string, number>>;
  readonly clients: ReadonlyArray<{
    readonly name: string;
    readonly id: number;
    /** added: a new client; merged: joined the client of that name; renamed: the name was taken. */
    readonly as: 'added' | 'merged' | 'renamed';
    readonly from: string;
  }>;
  readonly sessions: ReadonlyArray<{ readonly id: number; readonly quarter: string; readonly client: string }>;
}

const refusal = (message: string) =>
  new AppError('validation', `The archive was not restored, and nothing was written: ${message}`, {
    field: 'archive',
  });

const Envelope = z.object({
  format: z.string(),
  version: z.number().int().positive(),
  schemaVersion: z.number().int().nonnegative(),
  appVersion: z.string(),
  createdAt: z.string(),
  sha256: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

/**
 * Checks the archive whole before writing anything (format, versions, checksum, every row, every
 * reference), then writes it in one transaction: an archive is restored entirely or not at all.
 */
export function restoreArchive(db: Db, text: string, options: RestoreOptions = {}): RestoreReport {
  const tables = checkedTables(text);
  return db.transaction(() => insertAll(db, tables, options))();
}

type Rows = Map<string, Record<string, unknown>[]>;

function checkedTables(text: string): Rows {
  if (text.trim() === '') throw refusal('the file is empty.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw refusal(`it is not complete JSON, so it is cut short or damaged (${(e as Error).message}).`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== ARCHIVE_FORMAT) {
    throw refusal(
      `it is not a Foresight Accelerator archive (${typeof format === 'string' ? `its format is "${format}"` : 'it names no format'}).`,
    );
  }
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!;
    throw refusal(`its ${issue.path.join('.') || 'header'} is damaged: ${issue.message}.`);
  }
  const archive = envelope.data;
  if (archive.version > ARCHIVE_VERSION || archive.schemaVersion > MIGRATIONS.length) {
    throw refusal(
      `it was written by a newer Foresight Accelerator (${archive.appVersion}; archive format ${archive.version}, database schema ${archive.schemaVersion}), and this one reads up to format ${ARCHIVE_VERSION}, schema ${MIGRATIONS.length}. Upgrade, then restore it.`,
    );
  }
  if (digest(archive.tables) !== archive.sha256) {
    throw refusal('its rows do not match its checksum: the file was changed or damaged after it was written.');
  }
  const specs = TABLES as readonly TableSpec[];
  upgradeArchivedArtifacts(archive.tables, archive.schemaVersion);
  const unknown = Object.keys(archive.tables).filter((name) => !specs.some((s) => s.name === name));
  if (unknown.length > 0) throw refusal(`it holds a table this version does not know (${unknown.join(', ')}).`);

  const rows: Rows = new Map();
  for (const spec of specs) {
    const parsed = (archive.tables[spec.name] ?? []).map((row, i) => {
      const where = `${spec.name} record ${i + 1}${typeof row.id === 'number' ? ` (id ${row.id})` : ''}`;
      const result = spec.row.safeParse(row);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw refusal(`${where}: ${issue.path.join('.') || 'the record'}: ${issue.message}.`);
      }
      const problem = spec.check?.(result.data);
      if (problem) throw refusal(`${where}: ${problem}.`);
      return result.data as Record<string, unknown>;
    });
    rows.set(spec.name, parsed);
  }
  for (const spec of specs) {
    rows.get(spec.name)!.forEach((row, i) => {
      for (const [column, target] of Object.entries(spec.refs)) {
        const value = row[column];
        if (value === null || value === undefined) continue;
        if (!rows.get(target)!.some((r) => r.id === value)) {
          throw refusal(
            `${spec.name} record ${i + 1} (id ${row.id}): ${column} refers to ${target} id ${value}, which is not in the archive.`,
          );
        }
      }
    });
  }
  return rows;
}

/** Artifacts written under an older schema get the rewrites its migrations made since (checksum already checked). */
function upgradeArchivedArtifacts(tables: Record<string, Array<Record<string, unknown>>>, from: number): void {
  for (const name of ['artifacts', 'proposals']) {
    for (const row of tables[name] ?? []) {
      if (typeof row.step === 'string' && typeof row.data === 'string') {
        row.data = upgradeArtifactText(row.step, row.data, from);
      }
    }
  }
}

function insertAll(db: Db, rows: Rows, options: RestoreOptions): RestoreReport {
  // A row may refer to a later row of its own table (a reply replaced by a later retry): the foreign
  // keys are checked when the transaction commits, not row by row.
  db.pragma('defer_foreign_keys = ON');
  const newIds = new Map<string, Map<unknown, number>>(TABLES.map((t) => [t.name, new Map()]));
  const clients: Array<RestoreReport['clients'][number]> = [];
  const counts: Record<string, number> = {};
  for (const spec of TABLES as readonly TableSpec[]) {
    const ids = newIds.get(spec.name)!;
    const tableRows = rows.get(spec.name)!;
    // A table whose ids are handed out by the store (messages) gets them reserved; others number themselves.
    const reserved = spec.reserveIds?.(db, tableRows.length);
    // Reserved ids are known before any row is written, so a reference to a later row resolves too.
    if (reserved) {
      for (const [i, r] of tableRows.entries()) ids.set(r.id, reserved[i]!);
    }
    const keyed = 'id' in spec.row.shape;
    const columns = Object.keys(spec.row.shape).filter((c) => reserved || c !== 'id');
    const insert = db.prepare(
      `INSERT INTO ${spec.name} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})${keyed ? ' RETURNING id' : ''}`,
    );
    let inserted = 0;
    tableRows.forEach((original, i) => {
      const row: Record<string, unknown> = { ...original, ...(reserved ? { id: reserved[i] } : {}) };
      for (const [column, target] of Object.entries(spec.refs)) {
        if (row[column] !== null && row[column] !== undefined) row[column] = newIds.get(target)!.get(row[column]);
      }
      spec.embeddedIds?.(row, (table, old) => {
        const found = newIds.get(table)!.get(old);
        if (found === undefined) {
          throw refusal(`${spec.name} record ${i + 1}: it names ${table} id ${old}, which is not in the archive.`);
        }
        return found;
      });
      const placed = spec.name === 'clients' ? placeClient(db, row.name as string, options) : null;
      if (placed?.as === 'merged') {
        clients.push(placed);
        ids.set(original.id, placed.id);
        return;
      }
      if (placed) row.name = placed.name;
      if (!keyed) {
        insert.run(row);
        inserted += 1;
        return;
      }
      const id = (insert.get(row) as { id: number }).id;
      if (placed) clients.push({ ...placed, id });
      ids.set(original.id, id);
      inserted += 1;
    });
    counts[spec.name] = inserted;
  }
  const clientName = new Map(clients.map((c) => [c.id, c.name]));
  const sessions = rows.get('sessions')!.map((s) => {
    const id = newIds.get('sessions')!.get(s.id)!;
    return { id, quarter: s.quarter as string, client: clientName.get(newIds.get('clients')!.get(s.client_id)!)! };
  });
  return { rows: counts, clients, sessions };
}

/** Where an archived client goes: a new client, the existing one of that name, or a new one renamed. */
function placeClient(db: Db, name: string, options: RestoreOptions): RestoreReport['clients'][number] {
  const existing = findClientRecordByName(db, name);
  if (!existing) return { name, id: 0, as: 'added', from: name };
  if (options.mergeClients) return { name: existing.client.name, id: existing.client.id, as: 'merged', from: name };
  const day = now().slice(0, 10);
  let candidate = `${name} (restored ${day})`;
  for (let n = 2; findClientRecordByName(db, candidate); n++) candidate = `${name} (restored ${day}, ${n})`;
  return { name: candidate, id: 0, as: 'renamed', from: name };
}
