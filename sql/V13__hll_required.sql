-- Unique recipients and viewers are HyperLogLog sketches, and the hll extension is required from
-- here on: the service checks for it before migrating and names the package to install. Earlier
-- versions also ran without it, with bytea sketch columns left NULL; V14 turns those into hll and
-- rebuilds every rollup from the raw events. On Citus, CREATE EXTENSION on the coordinator reaches
-- the workers.
CREATE EXTENSION IF NOT EXISTS hll;
