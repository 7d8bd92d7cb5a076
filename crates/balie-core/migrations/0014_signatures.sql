-- 0014: every event signed by its desk (Ed25519; see `domain::signing`). Legacy events,
-- written before this, keep NULL in all three columns and are shown as unsigned.
-- Never edit this file once it has landed; add a new migration instead.

ALTER TABLE events ADD COLUMN salt TEXT;
ALTER TABLE events ADD COLUMN prev TEXT;
ALTER TABLE events ADD COLUMN sig TEXT;

-- Projection of `desk.key_announced`: each desk's key, bound on first sight. A second key
-- for a known desk never gets here (its announcement is quarantined).
CREATE TABLE desk_keys (
    desk_id    TEXT NOT NULL PRIMARY KEY,
    public_key TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    desk_name  TEXT NOT NULL,
    wall_time  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Not a projection: what this desk received and did not merge, kept for staff to see (two
-- events under one number, a fork of a desk's chain, a second key for a known desk).
CREATE TABLE quarantine (
    id        TEXT    NOT NULL PRIMARY KEY,
    desk_id   TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    reason    TEXT    NOT NULL CHECK (reason IN ('number', 'chain', 'key')),
    record    TEXT    NOT NULL,
    received  TEXT    NOT NULL,
    from_desk TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

-- Counting the unsigned events per desk (shown in Samenwerken) without reading the log.
CREATE INDEX events_unsigned ON events (desk_id) WHERE sig IS NULL;
