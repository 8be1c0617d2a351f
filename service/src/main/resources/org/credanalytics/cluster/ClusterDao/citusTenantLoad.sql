-- Citus: queries and CPU per institution in the last complete period of citus_stat_tenants
-- (citus.stat_tenants_period seconds), summed over the nodes that ran them. The :limit institutions
-- that used the most CPU come first, ranked; then one row whose institution_id is NULL sums all the
-- others, and is there (with zeros) even when there are none. Institutions without a query in the
-- last period are left out. tenant_attribute is the distribution column's value as text.
WITH per_tenant AS (
    SELECT tenant_attribute::bigint AS institution_id,
           sum(query_count_in_last_period)::bigint AS queries,
           sum(cpu_usage_in_last_period)::float8 AS cpu_seconds
    FROM citus_stat_tenants
    WHERE tenant_attribute ~ '^[0-9]{1,18}$'
    GROUP BY tenant_attribute
    HAVING sum(query_count_in_last_period) > 0
), ranked AS (
    SELECT institution_id, queries, cpu_seconds,
           row_number() OVER (ORDER BY cpu_seconds DESC, queries DESC, institution_id) AS rank
    FROM per_tenant
)
SELECT institution_id, queries, cpu_seconds
FROM (
    SELECT institution_id, queries, cpu_seconds, rank
    FROM ranked
    WHERE rank <= :limit
    UNION ALL
    SELECT NULL, COALESCE(sum(queries), 0)::bigint, COALESCE(sum(cpu_seconds), 0)::float8, :limit + 1
    FROM ranked
    WHERE rank > :limit
) AS top_and_others
ORDER BY rank
