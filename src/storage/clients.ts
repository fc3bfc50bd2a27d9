import type { Client } from '../domain/index.js';
import { now, stmt, type Db } from './db.js';

interface ClientRow {
  id: number;
  name: string;
  industry: string;
  created_at: string;
}

const toClient = (r: ClientRow): Client => ({ id: r.id, name: r.name, industry: r.industry, createdAt: r.created_at });

export function insertClient(db: Db, name: string, industry: string): Client {
  const row = stmt(db, 'INSERT INTO clients (name, industry, created_at) VALUES (?, ?, ?) RETURNING *').get(
    name,
    industry,
    now(),
  ) as ClientRow;
  return toClient(row);
}

export function findClientByName(db: Db, name: string): Client | undefined {
  const row = stmt(db, 'SELECT * FROM clients WHERE name = ?').get(name) as ClientRow | undefined;
  return row && toClient(row);
}

export function getClient(db: Db, id: number): Client | undefined {
  const row = stmt(db, 'SELECT * FROM clients WHERE id = ?').get(id) as ClientRow | undefined;
  return row && toClient(row);
}

export function listClients(db: Db): Client[] {
  return (stmt(db, 'SELECT * FROM clients ORDER BY name').all() as ClientRow[]).map(toClient);
}
