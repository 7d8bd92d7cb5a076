-- 0009: the buses of a work visit (name, seats, departure), kept with the programme item.
-- Who rides which bus is derived from the sign-ups and bus.assigned events, never stored.
-- Never edit this file once it has landed; add a new migration instead.

ALTER TABLE programme_items ADD COLUMN buses TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(buses));
