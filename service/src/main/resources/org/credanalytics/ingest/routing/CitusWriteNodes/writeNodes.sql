-- The workers that can take distributed writes themselves: active primaries whose copy of the
-- cluster's metadata is in sync (Citus 11+ syncs it to every worker by default). Group 0, the
-- coordinator, is reached through the configured database URL instead.
SELECT groupid, nodename, nodeport
FROM pg_dist_node
WHERE noderole = 'primary' AND isactive AND hasmetadata AND metadatasynced AND groupid <> 0
ORDER BY groupid
