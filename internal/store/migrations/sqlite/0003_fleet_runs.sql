-- A fleet run's name (fleet --run-id), so that a shard killed and run again
-- skips the tenants it already recorded, and n shards writing to one store
-- record each tenant of a fleet run exactly once.
ALTER TABLE runs ADD COLUMN fleet_run TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX runs_fleet_once ON runs (fleet_run, alias) WHERE fleet_run <> '';
