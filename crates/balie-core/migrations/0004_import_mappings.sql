-- 0004: saved column mappings for spreadsheet imports (projection of import.mapping_saved).
-- Never edit this file once it has landed; add a new migration instead.

CREATE TABLE import_mappings (
    name      TEXT NOT NULL PRIMARY KEY,
    columns   TEXT NOT NULL CHECK (json_valid(columns)),  -- [{header, field}]
    saved_at  TEXT NOT NULL,
    staff     TEXT NOT NULL,
    hlc       INTEGER NOT NULL
) STRICT;
