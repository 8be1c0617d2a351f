package org.credanalytics.replication;

import java.util.List;
import org.credanalytics.db.SqlFiles;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.QueryTimeOut;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What the servers say about their role and their standbys (SQL under {@code ReplicationDao/}).
 * {@code citusStandbys} uses Citus functions; {@link StandbySource} calls it only on a coordinator.
 */
@SqlFiles
@RegisterConstructorMapper(ServerRole.class)
@RegisterConstructorMapper(NodeStandbys.class)
@RegisterConstructorMapper(ReplicationDao.NodeResult.class)
public interface ReplicationDao {
    /** One node's answer to a command run on it by Citus: the command's JSON, or the error. */
    record NodeResult(String node, boolean reached, String result) {
    }

    @SqlQuery
    @QueryTimeOut(5)
    ServerRole serverRole();

    /** The standbys of the server this connection reached. */
    @SqlQuery
    @QueryTimeOut(5)
    NodeStandbys nodeStandbys();

    /** {@code command} (the text of nodeStandbys.sql) run on every primary node of the cluster. */
    @SqlQuery
    @QueryTimeOut(10)
    List<NodeResult> citusStandbys(@Bind("command") String command);
}
