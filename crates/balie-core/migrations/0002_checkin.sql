-- 0002: check-in lists, check-ins and failed scans (projections of checkin.* events).
-- Never edit this file once it has landed; add a new migration instead.

CREATE TABLE checkin_lists (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('day', 'members', 'session', 'bus', 'other')),
    day          TEXT,              -- YYYY-MM-DD for day lists
    item_id      TEXT,              -- programme item for session and bus lists
    position     INTEGER NOT NULL
) STRICT;

-- One row per check-in or check-out event; current presence is derived from these.
CREATE TABLE checkins (
    event_id        TEXT    NOT NULL PRIMARY KEY,
    list_id         TEXT    NOT NULL,
    attendee_id     TEXT    NOT NULL,
    direction       TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    hlc             INTEGER NOT NULL,
    desk_id         TEXT    NOT NULL,
    desk_name       TEXT    NOT NULL,
    staff           TEXT    NOT NULL,
    wall_time       TEXT    NOT NULL,
    override_reason TEXT,           -- staff overrode "not registered" / "not a member"
    source          TEXT    NOT NULL,
    undone_by       TEXT,           -- the undo event
    undo_reason     TEXT
) STRICT;

CREATE INDEX checkins_by_person ON checkins (list_id, attendee_id, hlc, desk_id);

CREATE TABLE failed_scans (
    event_id   TEXT    NOT NULL PRIMARY KEY,
    list_id    TEXT    NOT NULL,
    code       TEXT    NOT NULL,
    hlc        INTEGER NOT NULL,
    desk_name  TEXT    NOT NULL,
    staff      TEXT    NOT NULL,
    wall_time  TEXT    NOT NULL
) STRICT;

CREATE INDEX attendees_by_email ON attendees (email COLLATE NOCASE);
