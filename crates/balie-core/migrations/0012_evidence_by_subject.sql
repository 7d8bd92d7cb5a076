-- 0012: events are looked up by subject in one place only, the scan attached to a proxy's
-- or a representative's evidence, so only those two kinds are indexed by subject. Every
-- other event (check-ins above all) is one B-tree cheaper to write and to merge.
-- Never edit this file once it has landed; add a new migration instead.

DROP INDEX events_by_subject;

CREATE INDEX events_evidence_by_subject ON events (subject, hlc)
    WHERE kind IN ('alv.proxy_granted', 'alv.representative_set');
