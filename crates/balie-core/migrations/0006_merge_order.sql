-- 0006: projections that give the same result whatever order desks' events arrive in.
-- An attendee record keeps the (HLC, desk) of the event that wrote it: a later edit wins,
-- an older one arriving late from another desk changes nothing.
-- Never edit this file once it has landed; add a new migration instead.

ALTER TABLE attendees ADD COLUMN version_hlc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attendees ADD COLUMN version_desk TEXT NOT NULL DEFAULT '';
