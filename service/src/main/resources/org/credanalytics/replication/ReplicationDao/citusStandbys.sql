-- Citus: every active primary node, the coordinator included, with :command (nodeStandbys.sql)
-- run on the node itself and its row returned as JSON text. A node that could not be reached has
-- reached = false and Citus's error as its result.
SELECT n.nodename || ':' || n.nodeport AS node,
       coalesce(r.success, false) AS reached,
       coalesce(r.result, 'not reached by run_command_on_all_nodes') AS result
FROM pg_dist_node n
LEFT JOIN run_command_on_all_nodes('SELECT row_to_json(s)::text FROM (' || :command || E'\n) AS s') r
       ON r.nodeid = n.nodeid
WHERE n.noderole = 'primary' AND n.isactive
ORDER BY n.groupid, n.nodeid
