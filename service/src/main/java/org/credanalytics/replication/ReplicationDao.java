package org.credanalytics.replication;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.QueryTimeOut;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What the server a connection reached says about its role and its standbys (SQL under {@code ReplicationDao/}). */
@UseClasspathSqlLocator
@RegisterConstructorMapper(ServerRole.class)
public interface ReplicationDao {
    @SqlQuery
    @QueryTimeOut(5)
    ServerRole serverRole();
}
