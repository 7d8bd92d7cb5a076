-- 0008: programme edits: the seats of a session or work visit. The programme projection is
-- rebuilt from programme.loaded and every programme.item_saved / programme.item_removed in
-- (HLC, desk) order, so edits from several desks give one programme.
-- Never edit this file once it has landed; add a new migration instead.

ALTER TABLE programme_items ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0);
