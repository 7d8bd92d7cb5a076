-- 0015: this database's incarnation, which `desk.json` also holds (see `store::desk`). It
-- changes at every start, the database first, and keeps the one before it: a database
-- whose incarnation is neither the one `desk.json` holds nor the one after it is an older
-- copy put back, and the desk continues under a new id instead of reusing its numbers.
-- Not a projection: it is about this file, not about the congress.
-- Never edit this file once it has landed; add a new migration instead.

CREATE TABLE incarnation (
    one      INTEGER NOT NULL PRIMARY KEY CHECK (one = 1),
    id       TEXT    NOT NULL,
    previous TEXT,
    desk_id  TEXT    NOT NULL
) STRICT;
