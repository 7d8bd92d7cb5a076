-- 0010: every version of a person's record, in the order the events put it there.
-- The register import writes its people as `attendees.imported` events of many people each
-- (one event per person made importing a register twenty times dearer than storing it), so
-- "since when has this person chosen this session" (the waiting-list order) can no longer
-- be read from the events by subject; it is read from here. `pos` orders people within one
-- event (their line order in the file); it is 0 for an event about one person.
-- Never edit this file once it has landed; add a new migration instead.

CREATE TABLE attendee_versions (
    attendee_id    TEXT    NOT NULL,
    hlc            INTEGER NOT NULL,
    desk_id        TEXT    NOT NULL,
    pos            INTEGER NOT NULL,
    wall_time      TEXT    NOT NULL,
    session_choice TEXT,
    visit_choice   TEXT,
    PRIMARY KEY (attendee_id, hlc, desk_id)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO attendee_versions
    (attendee_id, hlc, desk_id, pos, wall_time, session_choice, visit_choice)
SELECT subject, hlc, desk_id, 0, wall_time,
       json_extract(payload, '$.session_choice'), json_extract(payload, '$.visit_choice')
FROM events
WHERE kind IN ('attendee.registered', 'attendee.edited');
