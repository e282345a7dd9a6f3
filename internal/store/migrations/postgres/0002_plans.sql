-- The migration plan made with the run (plan --since last reads it back).
ALTER TABLE runs ADD COLUMN plan_json TEXT NOT NULL DEFAULT '';
