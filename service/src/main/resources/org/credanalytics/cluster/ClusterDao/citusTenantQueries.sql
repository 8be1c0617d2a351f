-- Citus: queries per tenant in the current and the last period, when tenant statistics are on.
-- tenant_attribute is the distribution column's value as text; only institution ids are kept.
SELECT tenant_attribute::bigint AS institution_id,
       sum(query_count_in_this_period + query_count_in_last_period)::bigint AS queries
FROM citus_stat_tenants
WHERE tenant_attribute ~ '^[0-9]{1,18}$'
GROUP BY tenant_attribute
