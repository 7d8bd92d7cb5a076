-- 0001: the event log, and the first projections (congress, programme, attendees).
-- Never edit this file once it has landed; add a new migration instead.

-- The append-only event log. Identity is (desk_id, seq); id is a UUID v7 for references.
CREATE TABLE events (
    id         TEXT    NOT NULL PRIMARY KEY,
    desk_id    TEXT    NOT NULL,
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    hlc        INTEGER NOT NULL,
    wall_time  TEXT    NOT NULL,  -- RFC 3339, UTC, as the writing desk saw it
    desk_name  TEXT    NOT NULL,
    staff      TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    payload    TEXT    NOT NULL CHECK (json_valid(payload)),
    UNIQUE (desk_id, seq)
) STRICT;

CREATE INDEX events_by_order ON events (hlc, desk_id, seq);
CREATE INDEX events_by_subject ON events (subject, hlc);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Projections: caches derived from the events, rebuilt from them at any time.

CREATE TABLE congress (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    organiser   TEXT    NOT NULL,
    venue       TEXT    NOT NULL,
    city        TEXT    NOT NULL,
    start_date  TEXT    NOT NULL,
    end_date    TEXT    NOT NULL,
    utc_offset  TEXT    NOT NULL,
    is_demo     INTEGER NOT NULL CHECK (is_demo IN (0, 1))
) STRICT;

CREATE TABLE programme_days (
    date  TEXT NOT NULL PRIMARY KEY,  -- YYYY-MM-DD
    title TEXT NOT NULL
) STRICT;

CREATE TABLE programme_items (
    id           TEXT    NOT NULL PRIMARY KEY,
    parent_id    TEXT    REFERENCES programme_items (id),
    day          TEXT    NOT NULL REFERENCES programme_days (date),
    position     INTEGER NOT NULL,
    start_time   TEXT    NOT NULL,  -- HH:MM, local time of the congress
    end_time     TEXT,              -- NULL: open end
    end_inferred INTEGER NOT NULL CHECK (end_inferred IN (0, 1)),
    title        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    location     TEXT,
    members_only INTEGER NOT NULL CHECK (members_only IN (0, 1)),
    bus_offered  INTEGER NOT NULL CHECK (bus_offered IN (0, 1)),
    speakers     TEXT    NOT NULL CHECK (json_valid(speakers)),     -- [{name, role}]
    description  TEXT    NOT NULL CHECK (json_valid(description)),  -- [paragraph]
    aliases      TEXT    NOT NULL CHECK (json_valid(aliases))       -- [name]
) STRICT;

CREATE INDEX programme_items_by_day ON programme_items (day, parent_id, position);

CREATE TABLE attendees (
    id             TEXT    NOT NULL PRIMARY KEY,
    first_name     TEXT    NOT NULL,
    tussenvoegsel  TEXT    NOT NULL,
    last_name      TEXT    NOT NULL,
    organisation   TEXT    NOT NULL,
    email          TEXT    NOT NULL,
    function       TEXT    NOT NULL,
    member_org     TEXT,
    thursday       INTEGER NOT NULL CHECK (thursday IN (0, 1)),
    friday         INTEGER NOT NULL CHECK (friday IN (0, 1)),
    dinner         INTEGER NOT NULL CHECK (dinner IN (0, 1)),
    session_choice TEXT,
    visit_choice   TEXT,
    bus            INTEGER NOT NULL CHECK (bus IN (0, 1)),
    dietary        TEXT    NOT NULL,
    accessibility  TEXT    NOT NULL,
    speaker        INTEGER NOT NULL CHECK (speaker IN (0, 1)),
    guest          INTEGER NOT NULL CHECK (guest IN (0, 1)),
    badge_code     TEXT    NOT NULL UNIQUE
) STRICT;
