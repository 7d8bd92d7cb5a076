-- 0003: the desk's fast lane: walk-ins (people registered at the desk on the day) and
-- check-ins entered afterwards from a paper list (with the time ticked on paper).
-- Never edit this file once it has landed; add a new migration instead.

ALTER TABLE attendees ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1));

-- The time a paper list says the person arrived (RFC 3339 UTC); NULL for live check-ins,
-- whose time is the event's wall time. The entry's own time, desk and staff stay in the row.
ALTER TABLE checkins ADD COLUMN paper_time TEXT;
ALTER TABLE checkins ADD COLUMN paper_note TEXT;
