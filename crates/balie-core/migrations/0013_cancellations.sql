-- 0013: cancelled registrations. Per person the latest `attendees.cancelled` or
-- `attendees.reinstated` event by (HLC, desk) decides; `cancelled` is 0 after a
-- reinstatement. A cancelled person is expected on no list and is no no-show.
-- Never edit this file once it has landed; add a new migration instead.

CREATE TABLE cancellations (
    attendee_id TEXT    NOT NULL PRIMARY KEY,
    cancelled   INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
    reason      TEXT    NOT NULL,
    -- 'desk' (by hand, with a reason) or 'import' (the file said so, or left the person out)
    source      TEXT    NOT NULL CHECK (source IN ('desk', 'import')),
    event_id    TEXT    NOT NULL,
    hlc         INTEGER NOT NULL,
    desk_id     TEXT    NOT NULL,
    desk_name   TEXT    NOT NULL,
    staff       TEXT    NOT NULL,
    wall_time   TEXT    NOT NULL
) STRICT, WITHOUT ROWID;
