import { AppError, conflict, notFound, refused, type BankProfile, type Client, type Session } from '../domain/index.js';
import * as store from '../storage/index.js';
import type { Db } from '../storage/index.js';
import type { TurnRegistry } from './turnRegistry.js';

export interface ClientChange {
  readonly name?: string;
  readonly industry?: string;
  readonly archived?: boolean;
  /** The question banks chosen for the client; null: inferred from its industry again. */
  readonly profile?: BankProfile | null;
  /** ISO 4217 code (checked at the boundary); null clears it to "not set". */
  readonly currency?: string | null;
}

/** What a delete answers: what went to the trash, until when, and how to undo it. */
export interface Trashed {
  readonly kind: 'client' | 'session';
  readonly id: number;
  readonly deletedAt: string;
  /** When it will be deleted for good, unless restored or the trash is emptied first. */
  readonly purgeAfter: string;
}

export interface TrashView extends store.TrashContents {
  readonly keepsDays: number;
}

/**
 * The advisor's library of clients and sessions: renaming, archiving, the trash. Nothing is
 * deleted at once: a delete moves to the trash, which keeps it TRASH_DAYS days (purged when the
 * trash is read and on start, never by a timer) or until it is emptied.
 */
export class Library {
  constructor(
    private readonly db: Db,
    private readonly turns: TurnRegistry,
  ) {
    store.purgeExpiredTrash(db);
  }

  listClients(archived: store.ArchivedFilter = 'exclude'): Client[] {
    return store.listClients(this.db, archived);
  }

  updateClient(id: number, change: ClientChange): Client {
    return this.db.transaction(() => {
      this.liveClient(id);
      if (change.name !== undefined) {
        const holder = store.findClientRecordByName(this.db, change.name);
        if (holder && holder.client.id !== id) {
          throw conflict(
            `Another client is already named "${holder.client.name}"${holder.deletedAt ? ' (in the trash)' : ''}. Choose another name.`,
          );
        }
      }
      if (change.name !== undefined || change.industry !== undefined) store.updateClient(this.db, id, change);
      if (change.archived !== undefined) store.setClientArchived(this.db, id, change.archived);
      if (change.profile !== undefined) store.setClientProfile(this.db, id, change.profile);
      if (change.currency !== undefined) store.setClientCurrency(this.db, id, change.currency);
      return store.getClient(this.db, id)!;
    })();
  }

  /** Moves the client and all its sessions to the trash. */
  trashClient(id: number): Trashed {
    return this.db.transaction(() => {
      this.liveClient(id);
      for (const s of store.listSessions(this.db, id)) this.refuseIfWriting(s);
      const at = store.now();
      store.setClientDeleted(this.db, id, at);
      return trashed('client', id, at);
    })();
  }

  restoreClient(id: number): Client {
    return this.db.transaction(() => {
      const record = store.getClientRecord(this.db, id);
      if (!record) throw notFound(`Client ${id}`);
      if (!record.deletedAt) throw conflict(`${record.client.name} is not in the trash.`);
      store.setClientDeleted(this.db, id, null);
      return store.getClient(this.db, id)!;
    })();
  }

  renameSession(id: number, title: string | null): Session {
    this.liveSession(id);
    store.renameSession(this.db, id, title);
    return store.getSession(this.db, id)!;
  }

  trashSession(id: number): Trashed {
    return this.db.transaction(() => {
      this.refuseIfWriting(this.liveSession(id));
      const at = store.now();
      store.setSessionDeleted(this.db, id, at);
      return trashed('session', id, at);
    })();
  }

  restoreSession(id: number): Session {
    return this.db.transaction(() => {
      const record = store.getSessionRecord(this.db, id);
      if (!record) throw notFound(`Session ${id}`);
      if (!record.trashed) throw conflict(`Session ${id} is not in the trash.`);
      if (record.trashed.with === 'client') {
        throw refused(
          `Session ${id} went to the trash with its client: restore the client, and it comes back with it.`,
        );
      }
      store.setSessionDeleted(this.db, id, null);
      return store.getSession(this.db, id)!;
    })();
  }

  trash(): TrashView {
    store.purgeExpiredTrash(this.db);
    return { ...store.listTrash(this.db), keepsDays: store.TRASH_DAYS };
  }

  /** Deletes everything in the trash for good. */
  emptyTrash(): { clients: number; sessions: number } {
    return store.purgeTrash(this.db);
  }

  /** A portable archive of everything, or of one client (in the trash or not), to download or keep. */
  backup(appVersion: string, clientId?: number): store.Archive {
    if (clientId === undefined) return store.writeArchive(this.db, { appVersion });
    const record = store.getClientRecord(this.db, clientId);
    if (!record) throw notFound(`Client ${clientId}`);
    return store.writeArchive(this.db, { appVersion, clientName: record.client.name });
  }

  /** Restores an archive as new rows, whole or not at all; see restoreArchive. */
  restore(text: string, options: store.RestoreOptions = {}): store.RestoreReport {
    return store.restoreArchive(this.db, text, options);
  }

  /** A client in use, or an error that says where it is. */
  private liveClient(id: number): Client {
    const record = store.getClientRecord(this.db, id);
    if (!record) throw notFound(`Client ${id}`);
    if (record.deletedAt) throw refused(`${record.client.name} is in the trash: restore it first.`);
    return record.client;
  }

  private liveSession(id: number): Session {
    const record = store.getSessionRecord(this.db, id);
    if (!record) throw notFound(`Session ${id}`);
    if (record.trashed) throw refused(`Session ${id} is in the trash: restore it first.`);
    return record.session;
  }

  private refuseIfWriting(session: Session): void {
    if (this.turns.inFlight(session.id)) {
      throw new AppError(
        'conflict',
        `A reply is being written in session ${session.id} (${session.quarter}). Stop it or let it finish, then delete.`,
      );
    }
  }
}

function trashed(kind: 'client' | 'session', id: number, at: string): Trashed {
  return {
    kind,
    id,
    deletedAt: at,
    purgeAfter: new Date(Date.parse(at) + store.TRASH_DAYS * 86_400_000).toISOString(),
  };
}
