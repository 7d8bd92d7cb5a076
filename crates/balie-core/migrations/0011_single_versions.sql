-- 0011: a person with one version of their record (everyone an import brings in, until
-- they are edited) keeps where that version stands on the record itself; only people with
-- two or more versions have rows in `attendee_versions`. Writing a version row for each of
-- 100k imported people cost a third of the import's projection and was never read apart
-- from the record. When a second version arrives, the record's own version is copied into
-- `attendee_versions` first, so there it is complete as soon as it is needed.
-- Never edit this file once it has landed; add a new migration instead.

ALTER TABLE attendees ADD COLUMN version_pos INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attendees ADD COLUMN version_wall TEXT NOT NULL DEFAULT '';

UPDATE attendees SET
    version_pos = coalesce((SELECT v.pos FROM attendee_versions v
        WHERE v.attendee_id = attendees.id AND v.hlc = attendees.version_hlc
          AND v.desk_id = attendees.version_desk), 0),
    version_wall = coalesce((SELECT v.wall_time FROM attendee_versions v
        WHERE v.attendee_id = attendees.id AND v.hlc = attendees.version_hlc
          AND v.desk_id = attendees.version_desk), '');

DELETE FROM attendee_versions WHERE attendee_id IN (
    SELECT attendee_id FROM attendee_versions GROUP BY attendee_id HAVING count(*) = 1);
