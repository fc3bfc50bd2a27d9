import type { Database } from 'better-sqlite3';
import { backfillConversations } from './conversationBackfill.js';
import { upgradeArtifactText } from './artifactUpgrades.js';
import { backfillClientCurrencies } from './currencyBackfill.js';
import { withoutPlaceholders } from './placeholders.js';

export interface Migration {
  readonly version: number;
  readonly up: string;
  /**
   * Runs after `up`, in the same transaction: fills new columns from what the data already says, or
   * rewrites stored data where SQL cannot say it plainly.
   */
  readonly backfill?: (db: Database) => void;
}

/** Ordered, append-only. A released migration is never edited: add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE clients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        industry TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        quarter TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('quarterly', 'quick_check')),
        title TEXT,
        progress TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX sessions_by_client ON sessions(client_id, quarter);
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        step TEXT NOT NULL,
        trend_id TEXT,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        kind TEXT NOT NULL CHECK (kind IN ('chat', 'opening', 'draft')),
        content TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('complete', 'streaming', 'incomplete', 'stopped', 'failed')),
        provider TEXT,
        model TEXT,
        prompt_version TEXT,
        tokens_in INTEGER,
        tokens_out INTEGER,
        prompt_tokens INTEGER,
        latency_ms INTEGER,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX messages_by_session ON messages(session_id, id);
      CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';
      CREATE TABLE artifacts (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        step TEXT NOT NULL,
        revision INTEGER NOT NULL,
        data TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('model', 'offline', 'user')),
        provider TEXT,
        model TEXT,
        prompt_version TEXT,
        message_id INTEGER REFERENCES messages(id),
        created_at TEXT NOT NULL,
        UNIQUE (session_id, step, revision)
      );
      CREATE TABLE model_calls (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        message_id INTEGER REFERENCES messages(id),
        purpose TEXT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT,
        tokens_in INTEGER,
        tokens_out INTEGER,
        latency_ms INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
      END;
    `,
  },
  {
    version: 2,
    // A turn reads only its own step's conversation.
    up: `CREATE INDEX messages_by_step ON messages(session_id, step, id);`,
  },
  {
    version: 3,
    // Index a reply once, when it stops streaming, not on every batched partial write: a streaming
    // reply is not searchable yet, and the hot path of a turn pays for one index insert, not three.
    up: `
      DROP TRIGGER messages_fts_insert;
      DROP TRIGGER messages_fts_update;
      DROP TRIGGER messages_fts_delete;
      DELETE FROM messages_fts;
      INSERT INTO messages_fts(rowid, content) SELECT id, content FROM messages WHERE status != 'streaming';
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.status != 'streaming' BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
      END;
      CREATE TRIGGER messages_fts_finish AFTER UPDATE OF status ON messages
        WHEN old.status = 'streaming' AND new.status != 'streaming' BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages
        WHEN old.status != 'streaming' AND new.status != 'streaming' BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.status != 'streaming' BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
      END;
    `,
  },
  {
    version: 4,
    // Roadmap entries gained a status and the metric its latest value; assumptions gained the message
    // that stated them (older offline ledgers said so in the note: "Stated in message N.").
    up: `
      UPDATE artifacts SET data = json_set(data, '$.entries', (
        SELECT json_group_array(json(
          CASE WHEN json_type(e.value, '$.metric') = 'object'
            THEN json_insert(e.value, '$.status', 'planned', '$.metric.current', NULL)
            ELSE json_insert(e.value, '$.status', 'planned') END) ORDER BY e.key)
        FROM json_each(artifacts.data, '$.entries') AS e))
      WHERE step = 'roadmap';
      UPDATE artifacts SET data = json_set(data, '$.assumptions', (
        SELECT json_group_array(json(
          CASE WHEN json_extract(a.value, '$.note') GLOB 'Stated in message [0-9]*.' AND json_type(a.value, '$.fromMessageId') IS NULL
            THEN json_set(a.value, '$.fromMessageId', CAST(substr(json_extract(a.value, '$.note'), 19, length(json_extract(a.value, '$.note')) - 19) AS INTEGER), '$.note', NULL)
            ELSE json_insert(a.value, '$.fromMessageId', NULL) END) ORDER BY a.key)
        FROM json_each(artifacts.data, '$.assumptions') AS a))
      WHERE step = 'dialogue';
    `,
  },
  {
    version: 5,
    // A new quarter can start from the previous one: its artifacts are carried over as revision 1,
    // marked as such and pointing at the session they came from. SQLite changes a CHECK by rebuilding.
    up: `
      CREATE TABLE artifacts_v5 (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        step TEXT NOT NULL,
        revision INTEGER NOT NULL,
        data TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('model', 'offline', 'user', 'carried')),
        provider TEXT,
        model TEXT,
        prompt_version TEXT,
        message_id INTEGER REFERENCES messages(id),
        carried_from INTEGER REFERENCES sessions(id),
        created_at TEXT NOT NULL,
        UNIQUE (session_id, step, revision)
      );
      INSERT INTO artifacts_v5 (id, session_id, step, revision, data, source, provider, model, prompt_version, message_id, created_at)
        SELECT id, session_id, step, revision, data, source, provider, model, prompt_version, message_id, created_at FROM artifacts;
      DROP TABLE artifacts;
      ALTER TABLE artifacts_v5 RENAME TO artifacts;
    `,
  },
  {
    version: 6,
    // A finished message is queued for the search index instead of indexed inside the turn's own
    // transaction: FTS5 writes a segment per commit (and merges them now and then), which a turn
    // paid for twice. The queue is indexed in batches, and always before a search (searchMessages).
    // A queued message is not in the index yet, so editing or deleting it touches only the queue.
    up: `
      CREATE TABLE messages_fts_pending (message_id INTEGER PRIMARY KEY);
      DROP TRIGGER messages_fts_insert;
      DROP TRIGGER messages_fts_finish;
      DROP TRIGGER messages_fts_update;
      DROP TRIGGER messages_fts_delete;
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.status != 'streaming' BEGIN
        INSERT OR IGNORE INTO messages_fts_pending (message_id) VALUES (new.id);
      END;
      CREATE TRIGGER messages_fts_finish AFTER UPDATE OF status ON messages
        WHEN old.status = 'streaming' AND new.status != 'streaming' BEGIN
        INSERT OR IGNORE INTO messages_fts_pending (message_id) VALUES (new.id);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages
        WHEN old.status != 'streaming' AND new.status != 'streaming'
          AND NOT EXISTS (SELECT 1 FROM messages_fts_pending WHERE message_id = old.id) BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.status != 'streaming' BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
          SELECT 'delete', old.id, old.content WHERE NOT EXISTS (SELECT 1 FROM messages_fts_pending WHERE message_id = old.id);
        DELETE FROM messages_fts_pending WHERE message_id = old.id;
      END;
    `,
  },
  {
    version: 7,
    // A draft is a proposal to review, not a revision: it waits in `proposals` until the advisor
    // accepts it (all, or item by item) or discards it; at most one is open per step. Each revision
    // keeps where every item came from (`provenance`, JSON: item key → origin and fields edited by
    // hand; NULL for revisions stored before, traced from their history when read), the proposal it
    // accepted, and the revision it restored.
    up: `
      CREATE TABLE proposals (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        step TEXT NOT NULL,
        data TEXT NOT NULL,
        provenance TEXT NOT NULL,
        base_revision INTEGER,
        provider TEXT NOT NULL,
        model TEXT,
        prompt_version TEXT,
        message_id INTEGER REFERENCES messages(id),
        status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'discarded', 'superseded')),
        rejected TEXT NOT NULL,
        created_at TEXT NOT NULL,
        closed_at TEXT
      );
      CREATE UNIQUE INDEX proposals_open ON proposals(session_id, step) WHERE status = 'open';
      ALTER TABLE artifacts ADD COLUMN provenance TEXT;
      ALTER TABLE artifacts ADD COLUMN proposal_id INTEGER REFERENCES proposals(id);
      ALTER TABLE artifacts ADD COLUMN restored_from INTEGER;
    `,
  },
  {
    version: 8,
    // State as data: each message stores the question it asked or follows (id and family), and what a
    // user message was (answer, question back, command, with its action); explicit actions are events;
    // each step's conversation state is a row, updated as messages are stored. The backfill files old
    // user messages as they would be filed now, and builds each step's state from its messages.
    // Which bank question an old offline message asked is not known (it was matched from its text): null.
    up: `
      ALTER TABLE messages ADD COLUMN question_id TEXT;
      ALTER TABLE messages ADD COLUMN question_family TEXT;
      ALTER TABLE messages ADD COLUMN intent TEXT CHECK (intent IN ('answer', 'question_back', 'command'));
      ALTER TABLE messages ADD COLUMN action TEXT CHECK (action IN ('next_trend', 'enough', 'skip'));
      CREATE TABLE conversation_events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        step TEXT NOT NULL,
        message_id INTEGER REFERENCES messages(id),
        event TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX conversation_events_by_step ON conversation_events(session_id, step, id);
      CREATE TABLE conversation_state (
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        step TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, step)
      );
    `,
    backfill: backfillConversations,
  },
  {
    version: 9,
    // Access control (issue 15): the hash of the token generated on first start when the server is
    // reachable from the network (never the token, never ACCESS_TOKEN from the environment), browser
    // sessions by the hash of their cookie's secret, and failed attempts per address for the rate
    // limit: in the database, so every process on it shares them.
    up: `
      CREATE TABLE access_token (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE access_sessions (
        id_hash TEXT PRIMARY KEY,
        binding TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE access_failures (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX access_failures_by_address ON access_failures (address, at);
    `,
  },
  {
    version: 10,
    // Nothing invented: what older builds stored as placeholders (a 3 × 3 score with "[… not given: 3
    // is a placeholder]" in the threat, "mixed / medium / 6–18 months" forecasts, "Not defined yet"
    // entries) becomes null, a gap the page and the exports name. See placeholders.ts.
    // Open proposals (drafts not yet accepted) are rewritten alike.
    up: '',
    backfill: (db) => {
      for (const table of ['artifacts', 'proposals']) {
        const rows = db
          .prepare(`SELECT id, step, data FROM ${table} WHERE step IN ('risks', 'impact', 'roadmap', 'sounding_board')`)
          .all() as Array<{ id: number; step: string; data: string }>;
        const update = db.prepare(`UPDATE ${table} SET data = ? WHERE id = ?`);
        for (const row of rows) {
          const before = JSON.parse(row.data) as unknown;
          const after = JSON.stringify(withoutPlaceholders(row.step, before));
          if (after !== JSON.stringify(before)) update.run(after, row.id);
        }
      }
    },
  },
  {
    version: 11,
    // Clients can be archived (off the home list, still searchable) and moved to the trash with their
    // sessions; a session can be moved to the trash alone. A trashed row stays whole until it is
    // purged (30 days, or when the trash is emptied). A session of a trashed client is hidden with it
    // and comes back with it; its own deleted_at stays null, so a session trashed earlier stays in the trash.
    up: `
      ALTER TABLE clients ADD COLUMN archived_at TEXT;
      ALTER TABLE clients ADD COLUMN deleted_at TEXT;
      ALTER TABLE sessions ADD COLUMN deleted_at TEXT;
    `,
  },
  {
    version: 12,
    // A reply that a Retry replaced names the reply written instead: kept and shown, never sent to the
    // model again. Before, a Retry left the cut attempt in every later prompt. Attempts stored before
    // are recognised by what only a Retry leaves: a failed, cut or stopped reply followed by another
    // reply with no message of the user's in between.
    up: `
      ALTER TABLE messages ADD COLUMN superseded_by INTEGER REFERENCES messages(id);
      UPDATE messages AS m SET superseded_by = (
        SELECT MIN(n.id) FROM messages AS n
        WHERE n.session_id = m.session_id AND n.step = m.step AND n.id > m.id
          AND n.role = 'assistant' AND n.kind = 'chat'
          AND NOT EXISTS (
            SELECT 1 FROM messages AS u
            WHERE u.session_id = m.session_id AND u.step = m.step AND u.role = 'user' AND u.id > m.id AND u.id < n.id
          )
      )
      WHERE m.role = 'assistant' AND m.kind = 'chat' AND m.status IN ('failed', 'incomplete', 'stopped');
    `,
  },
  {
    version: 13,
    // The context's budget and team constraints gained numbers the computed facts need (budget as an
    // amount, engineer-weeks per quarter for the roadmap): null in what was stored before, a gap the
    // facts name, never read back from the budget's prose. Open proposals alike; archives on restore.
    up: '',
    backfill: (db) => upgradeStoredArtifacts(db, 13),
  },
  {
    version: 14,
    // Moving on from a step whose conditions are unmet is an explicit override with a reason: stored
    // with the conditions unmet at that moment (JSON), so the page and the memo can name them.
    up: `
      CREATE TABLE step_overrides (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        step TEXT NOT NULL,
        unmet TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX step_overrides_by_session ON step_overrides(session_id, id);
    `,
  },
  {
    version: 15,
    // The sounding board became a pressure test: objections with a status and the message that closed
    // them, the pre-mortem as failure stories with mitigations, what would flip the verdict. See
    // artifactUpgrades.ts (archives from before are restored with the same rewrite).
    up: '',
    backfill: (db) => upgradeStoredArtifacts(db, 15),
  },
  {
    version: 16,
    // A client's amounts are in its currency (ISO 4217), shown with every amount; null is "not set",
    // and the page asks for it. A stored client gets the currency its company context is written in
    // where that is unambiguous ("€", "EUR", "£", "US$"; never a bare "$"); see currencyBackfill.ts.
    up: 'ALTER TABLE clients ADD COLUMN currency TEXT;',
    backfill: backfillClientCurrencies,
  },
  {
    version: 17,
    // A message that answered a question through its form keeps the values the advisor confirmed, as
    // JSON ({ questionId, values }): a draft reads them as they are instead of reading the text again.
    up: `
      ALTER TABLE messages ADD COLUMN answer TEXT CHECK (answer IS NULL OR json_valid(answer));
    `,
  },
  {
    version: 18,
    // A draft keeps the values the offline parser read from answers given in the chat (not typed
    // into a form), each with its words: it is accepted only once the advisor confirms them. Drafts
    // from before list none.
    up: `
      ALTER TABLE proposals ADD COLUMN readings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(readings));
    `,
  },
  {
    version: 19,
    // The question banks that fit a client (industry profile, region), when the advisor chose them;
    // null for clients from before: inferred from the industry, as for a client who never chose.
    up: `
      ALTER TABLE clients ADD COLUMN profile_industry TEXT;
      ALTER TABLE clients ADD COLUMN profile_region TEXT;
    `,
  },
  {
    version: 20,
    // Two things became data that were prose: the context's freeze windows (none on record before),
    // and the reason a recommendation was called ready despite open objections, which earlier builds appended
    // to each open objection's response. See artifactUpgrades.ts (archives from before get the same rewrite).
    up: '',
    backfill: (db) => upgradeStoredArtifacts(db, 20),
  },
];

/** Applies the artifact upgrade of migration `version` to every stored revision and proposal. */
function upgradeStoredArtifacts(db: Database, version: number): void {
  for (const table of ['artifacts', 'proposals']) {
    const rows = db.prepare(`SELECT id, step, data FROM ${table}`).all() as Array<{
      id: number;
      step: string;
      data: string;
    }>;
    const update = db.prepare(`UPDATE ${table} SET data = ? WHERE id = ?`);
    for (const row of rows) {
      const after = upgradeArtifactText(row.step, row.data, version - 1, version);
      if (after !== row.data) update.run(after, row.id);
    }
  }
}

/** Runs every pending migration in one transaction; refuses a database newer than this code. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}; versions must run 1, 2, 3…`);
  });
  const latest = migrations.length;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) {
    throw new Error(
      `The database is at schema version ${from}, newer than this build knows (${latest}). Upgrade Foresight Accelerator or point DATABASE_PATH at another file.`,
    );
  }
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(from)) {
      db.exec(m.up);
      m.backfill?.(db);
    }
    db.pragma(`user_version = ${latest}`);
  })();
  return { from, to: latest };
}
