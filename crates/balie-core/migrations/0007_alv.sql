-- 0007: the members' meeting (ALV): the member register, representatives, proxies and
-- their revocations, the meeting's settings, frozen snapshots and tallies. All are
-- projections of alv.* and member.* events; who counts as present or represented is
-- derived from them on every read (see alv.rs), never stored.
-- Never edit this file once it has landed; add a new migration instead.

-- The member register; the latest version of a record by (HLC, desk) wins.
CREATE TABLE members (
    id            TEXT    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    city          TEXT    NOT NULL,
    category      TEXT    NOT NULL,
    voting        INTEGER NOT NULL CHECK (voting IN (0, 1)),
    weight_milli  INTEGER NOT NULL CHECK (weight_milli >= 0),  -- vote weight in thousandths
    suspended     INTEGER NOT NULL CHECK (suspended IN (0, 1)),
    version_hlc   INTEGER NOT NULL,
    version_desk  TEXT    NOT NULL
) STRICT;

-- One row per alv.* event that takes part in deriving the meeting's state (representatives,
-- proxies granted and revoked, settings, snapshots, tallies). The payload is the event's;
-- the derivation reads them in (hlc, desk_id) order, so any merge order gives one result.
CREATE TABLE alv_events (
    event_id   TEXT    NOT NULL PRIMARY KEY,
    kind       TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    hlc        INTEGER NOT NULL,
    desk_id    TEXT    NOT NULL,
    desk_name  TEXT    NOT NULL,
    staff      TEXT    NOT NULL,
    wall_time  TEXT    NOT NULL,
    payload    TEXT    NOT NULL CHECK (json_valid(payload))
) STRICT;

CREATE INDEX alv_events_in_order ON alv_events (kind, hlc, desk_id);
