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
        new(9, V9),
    ];

    // v9: the correlator's state (held node downs, open group outages, monitor isolation), one JSON row: it is read
    // whole at start and rewritten whole, together with the messages it causes, and nothing queries inside it.
    private const string V9 = """
        CREATE TABLE correlation_state (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            state      TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
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
