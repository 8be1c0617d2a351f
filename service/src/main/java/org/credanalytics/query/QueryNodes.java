package org.credanalytics.query;

import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;

/**
 * Which database node a dashboard query runs on. Plain PostgreSQL, and Citus with
 * {@code queries.citusRouting: coordinator}, have one ({@link #single}); Citus with {@code nodes}
 * sends an institution's queries to the node holding its shard and spreads the platform queries
 * over every node that can run distributed queries ({@link CitusQueryNodes}).
 */
public interface QueryNodes extends Managed {
    /** Where one institution's query runs. */
    QueryNode forInstitution(long institutionId);

    /** Where a query over every institution runs. */
    QueryNode forPlatform();

    /** The configured database: where a query goes when its node could not be reached. */
    QueryNode coordinator();

    /** A query could not reach {@code node}: the cluster's layout may have changed. */
    default void unreachable(QueryNode node) {
    }

    @Override
    default void start() {
    }

    @Override
    default void stop() {
    }

    /** A node's name ("coordinator", or host:port) and the Jdbi of its query pool. */
    record QueryNode(String name, Jdbi jdbi) {
    }

    static QueryNodes single(Jdbi jdbi) {
        QueryNode only = new QueryNode("coordinator", jdbi);
        return new QueryNodes() {
            @Override
            public QueryNode forInstitution(long institutionId) {
                return only;
            }

            @Override
            public QueryNode forPlatform() {
                return only;
            }

            @Override
            public QueryNode coordinator() {
                return only;
            }
        };
    }
}
