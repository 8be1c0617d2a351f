-- The rollup job's work_mem (rollup.workMem) for the rest of the transaction: a chunk's
-- aggregates, with their sketches, would spill to disk at the pool's default.
SELECT set_config('work_mem', :work_mem, true)
