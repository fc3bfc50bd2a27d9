import { inferProfile, type BankProfile, type Client, type IndustryProfile, type Region } from '../domain/index.js';
import { now, stmt, type Db } from './db.js';

interface ClientRow {
  id: number;
  name: string;
  industry: string;
  profile_industry: IndustryProfile | null;
  profile_region: Region | null;
  created_at: string;
  currency: string | null;
  archived_at: string | null;
  deleted_at: string | null;
}

const toClient = (r: ClientRow): Client => ({
  id: r.id,
  name: r.name,
  industry: r.industry,
  // Chosen only as a pair; otherwise inferred again from the industry, so a renamed industry is followed.
  profile:
    r.profile_industry && r.profile_region
      ? { industry: r.profile_industry, region: r.profile_region }
      : inferProfile(r.industry),
  profileChosen: r.profile_industry !== null && r.profile_region !== null,
  createdAt: r.created_at,
  currency: r.currency,
  archivedAt: r.archived_at,
});

/** A client as stored, also one in the trash: what managing and restoring clients need to see. */
export interface ClientRecord {
  readonly client: Client;
  /** When it was moved to the trash (with its sessions); null while it is in use. */
  readonly deletedAt: string | null;
}

const toRecord = (r: ClientRow): ClientRecord => ({ client: toClient(r), deletedAt: r.deleted_at });

/** What a new client may start with besides its name and industry. */
export interface NewClientSettings {
  /** ISO 4217 code the caller checked; null: not set. */
  readonly currency?: string | null;
  /** The question banks chosen for it; null: inferred from its industry. */
  readonly profile?: BankProfile | null;
}

export function insertClient(db: Db, name: string, industry: string, settings: NewClientSettings = {}): Client {
  const row = stmt(
    db,
    `INSERT INTO clients (name, industry, currency, profile_industry, profile_region, created_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
  ).get(
    name,
    industry,
    settings.currency ?? null,
    settings.profile?.industry ?? null,
    settings.profile?.region ?? null,
    now(),
  ) as ClientRow;
  return toClient(row);
}

/** Chooses the client's question banks; null goes back to inferring them from its industry. */
export function setClientProfile(db: Db, id: number, profile: BankProfile | null): Client {
  const row = stmt(db, 'UPDATE clients SET profile_industry = ?, profile_region = ? WHERE id = ? RETURNING *').get(
    profile?.industry ?? null,
    profile?.region ?? null,
    id,
  ) as ClientRow;
  return toClient(row);
}

/** A client not in the trash, by name (case-insensitive, as the name is unique). */
export function findClientByName(db: Db, name: string): Client | undefined {
  const row = stmt(db, 'SELECT * FROM clients WHERE name = ? AND deleted_at IS NULL').get(name) as
    | ClientRow
    | undefined;
  return row && toClient(row);
}

/** A client not in the trash. */
export function getClient(db: Db, id: number): Client | undefined {
  const row = stmt(db, 'SELECT * FROM clients WHERE id = ? AND deleted_at IS NULL').get(id) as ClientRow | undefined;
  return row && toClient(row);
}

/** Any stored client, in the trash or not. */
export function getClientRecord(db: Db, id: number): ClientRecord | undefined {
  const row = stmt(db, 'SELECT * FROM clients WHERE id = ?').get(id) as ClientRow | undefined;
  return row && toRecord(row);
}

/** Any stored client by name, in the trash or not: a name stays taken while its client is in the trash. */
export function findClientRecordByName(db: Db, name: string): ClientRecord | undefined {
  const row = stmt(db, 'SELECT * FROM clients WHERE name = ?').get(name) as ClientRow | undefined;
  return row && toRecord(row);
}

/** Which clients to list: the home list leaves archived ones out; a filter shows them. */
export type ArchivedFilter = 'exclude' | 'include' | 'only';

export function listClients(db: Db, archived: ArchivedFilter = 'include'): Client[] {
  const where = {
    exclude: 'AND archived_at IS NULL',
    include: '',
    only: 'AND archived_at IS NOT NULL',
  }[archived];
  return (stmt(db, `SELECT * FROM clients WHERE deleted_at IS NULL ${where} ORDER BY name`).all() as ClientRow[]).map(
    toClient,
  );
}

/** Changes a client's name or industry; the caller checks the name is free. */
export function updateClient(db: Db, id: number, change: { name?: string; industry?: string }): Client {
  const row = stmt(
    db,
    'UPDATE clients SET name = COALESCE(?, name), industry = COALESCE(?, industry) WHERE id = ? RETURNING *',
  ).get(change.name ?? null, change.industry ?? null, id) as ClientRow;
  return toClient(row);
}

/** Sets the currency the client's amounts are in (an ISO 4217 code the caller checked), or clears it. */
export function setClientCurrency(db: Db, id: number, currency: string | null): Client {
  const row = stmt(db, 'UPDATE clients SET currency = ? WHERE id = ? RETURNING *').get(currency, id) as ClientRow;
  return toClient(row);
}

export function setClientArchived(db: Db, id: number, archived: boolean): Client {
  const row = stmt(db, 'UPDATE clients SET archived_at = ? WHERE id = ? RETURNING *').get(
    archived ? now() : null,
    id,
  ) as ClientRow;
  return toClient(row);
}

/** Moves a client to the trash, or back (`at` null). Its sessions go and come back with it. */
export function setClientDeleted(db: Db, id: number, at: string | null): void {
  stmt(db, 'UPDATE clients SET deleted_at = ? WHERE id = ?').run(at, id);
}
