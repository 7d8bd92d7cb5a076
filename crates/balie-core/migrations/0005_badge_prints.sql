-- 0005: badges printed (projection of badge.printed): the first print of a badge is
-- automatic, every reprint carries a reason.
-- Never edit this file once it has landed; add a new migration instead.

CREATE TABLE badge_prints (
    event_id     TEXT    NOT NULL PRIMARY KEY,
    attendee_id  TEXT    NOT NULL,
    hlc          INTEGER NOT NULL,
    wall_time    TEXT    NOT NULL,
    desk_name    TEXT    NOT NULL,
    staff        TEXT    NOT NULL,
    printer      TEXT    NOT NULL,
    reason       TEXT                -- NULL for the first print
) STRICT;

CREATE INDEX badge_prints_by_person ON badge_prints (attendee_id, hlc);
