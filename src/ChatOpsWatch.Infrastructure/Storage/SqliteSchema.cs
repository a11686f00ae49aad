namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// The ordered schema migrations. Append new versions; never edit a released one. Conventions: times
/// are unix milliseconds (UTC) in INTEGER columns, enums are their integer values, tables are STRICT.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, V1),
        new(2, V2),
        new(3, V3),
        new(4, V4),
        new(5, V5),
        new(6, V6),
        new(7, V7),
        new(8, V8),
        new(9, V9),
        new(10, V10),
        new(11, V11),
        new(12, V12),
        new(13, V13),
        new(14, V14),
        new(15, V15),
        new(16, V16),
    ];

    // v16 (issue 14): format 2 of the points and rollups blobs (Compact/PointCodec, RollupCodec: ids as runs, rollup
    // stats as integers at the series' scale). The mark says format-1 rows may remain; the maintenance converts them in
    // batches (SqliteCompaction) and deletes the mark when none is left. Readers take both formats.
    private const string V16 = """
        INSERT OR IGNORE INTO storage_marks (name, value) VALUES ('compact:2', 0);
        """;

    // v14 (issue 14, InfluxDB archive): the durable spool of line protocol, one row per poll, written in the poll's own
    // transaction and deleted once InfluxDB stored it (AUTOINCREMENT: ids never come back, so they give the send order);
    // and the archive's counters, so that what was dropped is never silent, also across restarts.
    private const string V14 = """
        CREATE TABLE archive_spool (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            queued_at INTEGER NOT NULL,
            points    INTEGER NOT NULL,
            bytes     INTEGER NOT NULL,
            lines     TEXT NOT NULL      -- line protocol, '\n' between points
        ) STRICT;
        CREATE TABLE archive_state (
            id           INTEGER PRIMARY KEY CHECK (id = 1),
            dropped_full INTEGER NOT NULL, -- points never spooled: the spool was at its bound
            dropped_bad  INTEGER NOT NULL, -- points InfluxDB refused as unparsable or conflicting, logged and dropped
            written      INTEGER NOT NULL  -- points InfluxDB confirmed
        ) STRICT;
        INSERT INTO archive_state (id, dropped_full, dropped_bad, written) VALUES (1, 0, 0, 0);
        """;

    // v15 (issue 14): compact samples. A series key is stored once (series) and a node name once (node_ids); a poll is
    // one row of points keyed (node_id, at) holding a blob of (series id, value) pairs (Storage/Compact/PointCodec).
    // rollups holds one row per node and 5-minute (tier 1) or hourly (tier 2) bucket (RollupCodec). storage_marks keeps
    // the rollup watermarks (rollup:1, rollup:2). The JSON rows of samples are converted at open, in batches that each
    // commit, so a killed conversion resumes; sample_rows lists every stored poll of either form (node, at).
    private const string V15 = """
        CREATE TABLE node_ids (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        ) STRICT;
        INSERT INTO node_ids (name) SELECT name FROM nodes ORDER BY first_seen, name;

        CREATE TABLE series (
            id  INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE
        ) STRICT;

        CREATE TABLE points (
            node_id INTEGER NOT NULL,
            at      INTEGER NOT NULL,
            data    BLOB NOT NULL,
            PRIMARY KEY (node_id, at)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE rollups (
            tier    INTEGER NOT NULL, -- 1: 5 minutes, 2: 1 hour
            node_id INTEGER NOT NULL,
            at      INTEGER NOT NULL, -- the bucket's start
            polls   INTEGER NOT NULL, -- raw polls rolled into it (for counts without decoding: /report)
            data    BLOB NOT NULL,
            PRIMARY KEY (tier, node_id, at)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE storage_marks (
            name  TEXT PRIMARY KEY NOT NULL,
            value INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;

        CREATE VIEW sample_rows AS
            SELECT i.name AS node, p.at AS at FROM points p JOIN node_ids i ON i.id = p.node_id
            UNION ALL SELECT node, at FROM samples;
        """;

    // v13 (issue 13): the running monitor's liveness, one row rewritten on a timer, read by `chatopswatch health` from
    // another process; and the last time that verb proved the file writable (it writes, so a read-only or full disk fails it).
    private const string V13 = """
        CREATE TABLE liveness (
            id                INTEGER PRIMARY KEY CHECK (id = 1),
            started_at        INTEGER NOT NULL,
            beat_at           INTEGER NOT NULL,
            last_fired_at     INTEGER,          -- a poll job started; NULL before the first
            last_completed_at INTEGER,          -- a poll finished (any outcome); NULL before the first
            interval_ms       INTEGER NOT NULL, -- the shortest poll interval; 0: no nodes
            nodes             INTEGER NOT NULL,
            beat_every_ms     INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE health_checks (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            checked_at INTEGER NOT NULL
        ) STRICT;
        """;

    // v12 (issue 12): an incident's detail in every language, so that a language switch rewords open incidents too;
    // NULL for incidents stored before (they keep the one language of their detail).
    private const string V12 = """
        ALTER TABLE incidents ADD COLUMN detail_en TEXT;
        ALTER TABLE incidents ADD COLUMN detail_zh TEXT;
        ALTER TABLE incidents ADD COLUMN resolved_detail_en TEXT;
        ALTER TABLE incidents ADD COLUMN resolved_detail_zh TEXT;
        """;

    // v11 (issue 12): the node may negotiate legacy SSH algorithms (AllowLegacyAlgorithms), shown in /node and the report.
    private const string V11 = """
        ALTER TABLE nodes ADD COLUMN legacy_ssh INTEGER NOT NULL DEFAULT 0;
        """;

    // v9: the correlator's state (held node downs, open group outages, monitor isolation), one JSON row: it is read
    // whole at start and rewritten whole, together with the messages it causes, and nothing queries inside it.
    private const string V9 = """
        CREATE TABLE correlation_state (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            state      TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        """;

    // v6: incidents, one row per firing episode of (node, rule, series), edited in place in the chat; also the alert
    // history (/history, /report). No foreign key to nodes: history outlives a node. At most one open incident per
    // series (incidents_open). detail, resolved_detail and last_text are Telegram HTML. An outbox row can now edit or
    // reply to an incident's message (action 1, 2; its target is incidents.message_id, read at delivery), carry a forum
    // topic (thread_id), inline buttons (JSON rows of {"Text","Data"}) and a message to reply to (reply_to).
    private const string V6 = """
        CREATE TABLE incidents (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            node            TEXT NOT NULL,
            tags            TEXT NOT NULL,             -- provider/region/role when it opened
            rule_id         TEXT NOT NULL,
            series          TEXT NOT NULL,
            security        INTEGER NOT NULL,
            severity        INTEGER NOT NULL,          -- now; once resolved: the last firing one
            max_severity    INTEGER NOT NULL,
            firing_since    INTEGER,                   -- the engine's episode start: the key of acks
            opened_at       INTEGER NOT NULL,
            resolved_at     INTEGER,                   -- NULL while open
            detail          TEXT NOT NULL,             -- value against the threshold and the reason, latest while firing
            resolved_detail TEXT,
            acked_by        TEXT,
            acked_at        INTEGER,
            muted_until     INTEGER,
            muted_by        TEXT,
            chat_id         INTEGER,                   -- NULL: the ops chat
            message_id      INTEGER,                   -- NULL until the first send is confirmed
            last_text       TEXT,
            updated_at      INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX incidents_node_opened ON incidents (node, opened_at);
        CREATE UNIQUE INDEX incidents_open ON incidents (node, rule_id, series) WHERE resolved_at IS NULL;

        ALTER TABLE outbox ADD COLUMN action INTEGER NOT NULL DEFAULT 0;   -- 0 send, 1 edit, 2 reply
        ALTER TABLE outbox ADD COLUMN incident_id INTEGER REFERENCES incidents (id);
        ALTER TABLE outbox ADD COLUMN thread_id INTEGER;
        ALTER TABLE outbox ADD COLUMN buttons TEXT;
        ALTER TABLE outbox ADD COLUMN reply_to INTEGER;                     -- a message id of the same chat (replies to commands, buttons)
        CREATE INDEX outbox_incident ON outbox (incident_id) WHERE incident_id IS NOT NULL;
        """;

    // v7: charts, maintenance windows and mute-expiry reminders. photo is a PNG sent with sendPhoto (html is then
    // its caption). A maintenance row is either once (starts_at..ends_at) or weekly (cron "m h * * dow" plus
    // duration_ms); a removed one keeps its row. A mute_reminders row means "the reminder before this silence's
    // or window occurrence's end was enqueued": it is written with the outbox row, so a restart never repeats it.
    // Version 6 belongs to the incidents work; this script assumes nothing of it.
    private const string V7 = """
        ALTER TABLE outbox ADD COLUMN photo BLOB;

        CREATE TABLE maintenance (
            id          INTEGER PRIMARY KEY,
            matcher     TEXT NOT NULL,    -- JSON array of {"Label","Value"}, as silences.matcher
            starts_at   INTEGER,          -- once: first muted instant; NULL when weekly
            ends_at     INTEGER,          -- once: end (exclusive); NULL when weekly
            cron        TEXT,             -- weekly: "m h * * dow" in UTC; NULL when once
            duration_ms INTEGER NOT NULL,
            created_by  TEXT NOT NULL,
            reason      TEXT NOT NULL,
            created_at  INTEGER NOT NULL,
            removed_at  INTEGER
        ) STRICT;
        CREATE INDEX maintenance_active ON maintenance (id) WHERE removed_at IS NULL;

        CREATE TABLE mute_reminders (
            kind    TEXT NOT NULL,    -- silence, maintenance
            ref_id  TEXT NOT NULL,
            ends_at INTEGER NOT NULL, -- the end reminded of (one per weekly occurrence)
            sent_at INTEGER NOT NULL,
            PRIMARY KEY (kind, ref_id, ends_at)
        ) STRICT, WITHOUT ROWID;
        """;

    // v8: nodes added from the chat (/addnode). The host key its admin trusted is kept beside the pin (host_keys)
    // for the audit trail; removal keeps the row (removed_at) like a retired node keeps its history.
    private const string V8 = """
        CREATE TABLE chat_nodes (
            name                 TEXT PRIMARY KEY NOT NULL,
            ssh_user             TEXT NOT NULL,
            host                 TEXT NOT NULL,
            port                 INTEGER NOT NULL,
            provider             TEXT NOT NULL,
            region               TEXT NOT NULL,
            role                 INTEGER NOT NULL,
            key_name             TEXT NOT NULL, -- a key named in the configuration (Ssh:Keys), never key material
            host_key_algorithm   TEXT NOT NULL,
            host_key_fingerprint TEXT NOT NULL,
            added_by             TEXT NOT NULL,
            added_at             INTEGER NOT NULL,
            removed_by           TEXT,
            removed_at           INTEGER        -- NULL while monitored
        ) STRICT;
        """;

    // v10: scheduled reports already queued, so a restart on report day neither repeats nor skips one.
    private const string V10 = """
        CREATE TABLE report_runs (
            period    TEXT PRIMARY KEY NOT NULL, -- e.g. daily:2026-11-24
            outbox_id INTEGER NOT NULL,
            queued_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        """;

    // v4: crash-safe delivery. inflight_since is set (durably) just before a send and cleared with its
    // outcome, so a row still carrying it at the next read was being sent when the process died: it is
    // resent marked as a possible duplicate. folded_into points a row sent inside a backlog digest at
    // that digest's row; is_digest keeps digests from being folded again.
    private const string V4 = """
        ALTER TABLE outbox ADD COLUMN inflight_since INTEGER;                -- NULL: no send under way
        ALTER TABLE outbox ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0; -- sends started, any outcome
        ALTER TABLE outbox ADD COLUMN folded_into INTEGER;                   -- digest row id; NULL: sent on its own
        ALTER TABLE outbox ADD COLUMN is_digest INTEGER NOT NULL DEFAULT 0;
        """;

    // v5: silences and acknowledgements set from the chat, and the audit log of every such change. matcher is
    // the JSON array of {"Label","Value"}; a removed silence keeps its row (removed_at set) so the audit reads back.
    private const string V5 = """
        CREATE TABLE silences (
            id         INTEGER PRIMARY KEY,
            matcher    TEXT NOT NULL,
            created_by TEXT NOT NULL,
            reason     TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            removed_at INTEGER
        ) STRICT;
        CREATE INDEX silences_active ON silences (expires_at) WHERE removed_at IS NULL;

        CREATE TABLE acks (
            node         TEXT NOT NULL,
            rule_id      TEXT NOT NULL,
            firing_since INTEGER NOT NULL,
            acked_by     TEXT NOT NULL,
            acked_at     INTEGER NOT NULL,
            PRIMARY KEY (node, rule_id, firing_since)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE audit (
            id     INTEGER PRIMARY KEY,
            at     INTEGER NOT NULL,
            who    TEXT NOT NULL,
            action TEXT NOT NULL, -- mute, unmute, ack
            what   TEXT NOT NULL,
            why    TEXT,
            until  INTEGER,
            update_id INTEGER -- the Telegram update that asked for it: a redelivered update is not applied twice
        ) STRICT;
        CREATE INDEX audit_update ON audit (update_id) WHERE update_id IS NOT NULL;
        """;

    // v3: the live alert engine's lifecycle per (node, series, rule). state is JSON (RuleState, NotifyLedger,
    // last value): the engine's state is a value that grows fields, and nothing queries inside it. Learned
    // source state (baselines, forecasts) is not stored: it is rebuilt from samples at start.
    private const string V3 = """
        CREATE TABLE engine_state (
            node       TEXT NOT NULL REFERENCES nodes (name) ON DELETE CASCADE,
            series     TEXT NOT NULL,
            rule_id    TEXT NOT NULL,
            state      TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (node, series, rule_id)
        ) STRICT, WITHOUT ROWID;
        """;

    // v2: nodes removed from the configuration are retired, not deleted, so their history stays.
    private const string V2 = """
        ALTER TABLE nodes ADD COLUMN retired_at INTEGER; -- NULL while monitored
        """;

    private const string V1 = """
        CREATE TABLE nodes (
            name        TEXT PRIMARY KEY NOT NULL,
            provider    TEXT NOT NULL,
            region      TEXT NOT NULL,
            role        INTEGER NOT NULL,
            interval_ms INTEGER NOT NULL,
            first_seen  INTEGER NOT NULL, -- first registration
            last_seen   INTEGER           -- time of the latest sample; NULL until one arrives
        ) STRICT;

        -- One row per successful poll. metrics is the compact JSON object {"metric key": value}.
        CREATE TABLE samples (
            id      INTEGER PRIMARY KEY,
            node    TEXT NOT NULL REFERENCES nodes (name) ON DELETE CASCADE,
            at      INTEGER NOT NULL,
            metrics TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX samples_node_at ON samples (node, at);

        CREATE TABLE alert_state (
            node            TEXT NOT NULL REFERENCES nodes (name) ON DELETE CASCADE,
            rule_id         TEXT NOT NULL,
            series          TEXT NOT NULL,
            severity        INTEGER NOT NULL,
            warning_streak  INTEGER NOT NULL,
            critical_streak INTEGER NOT NULL,
            firing_since    INTEGER,
            last_value      REAL,
            updated_at      INTEGER NOT NULL,
            PRIMARY KEY (node, rule_id, series)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX alert_state_firing ON alert_state (node) WHERE severity <> 0;

        -- AUTOINCREMENT so that an id is never reused, even after old sent rows are purged.
        CREATE TABLE outbox (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT,
            kind                INTEGER NOT NULL,
            severity            INTEGER NOT NULL,
            chat_id             INTEGER,          -- NULL: the ops chat
            html                TEXT NOT NULL,
            silent              INTEGER NOT NULL,
            created_at          INTEGER NOT NULL,
            not_before          INTEGER NOT NULL,
            attempts            INTEGER NOT NULL DEFAULT 0,
            last_error          TEXT,
            sent_at             INTEGER,
            telegram_message_id INTEGER
        ) STRICT;
        CREATE INDEX outbox_due ON outbox (severity DESC, id) WHERE sent_at IS NULL;

        -- No foreign key to nodes: a key may be pinned before the node is registered, and pins
        -- outlive a node's removal from the configuration.
        CREATE TABLE host_keys (
            node        TEXT NOT NULL,
            algorithm   TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            source      TEXT NOT NULL,
            pinned_at   INTEGER NOT NULL,
            PRIMARY KEY (node, algorithm, fingerprint)
        ) STRICT, WITHOUT ROWID;
        """;
}
