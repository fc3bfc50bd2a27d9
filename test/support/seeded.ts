import { initialProgress } from '../../src/domain/index.js';
import * as store from '../../src/storage/index.js';

/** A fresh in-memory database with one client and its quarterly session for 2027-Q1. */
export function seeded(clientName = 'Northwind Logistics') {
  const db = store.openDatabase(':memory:');
  const client = store.insertClient(db, clientName, 'Logistics');
  const session = store.insertSession(db, {
    clientId: client.id,
    quarter: '2027-Q1',
    mode: 'quarterly',
    title: null,
    progress: initialProgress('quarterly'),
  });
  return { db, client, session };
}
