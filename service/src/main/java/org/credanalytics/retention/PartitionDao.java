package org.credanalytics.retention;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.credanalytics.db.SqlFiles;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlCall;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The raw events' partitions (one file per statement under {@code org/credanalytics/retention/PartitionDao/}). */
@SqlFiles
public interface PartitionDao {
    @SqlQuery("partitions")
    @RegisterConstructorMapper(Partition.class)
    List<Partition> partitions();

    /** Where the newest partition retention dropped ended, if it dropped any: every raw event since then is stored. */
    @SqlQuery("expiredUntil")
    Optional<OffsetDateTime> expiredUntil();

    @SqlUpdate("recordExpired")
    void recordExpired(@Bind("partition") String partition, @Bind("ends") OffsetDateTime ends);

    @SqlQuery("createPartitions")
    int createPartitions(@Bind("days") List<LocalDate> days);

    /** Whether the partition holds an event the rollup job has not reached. */
    @SqlQuery("hasEventsAfter")
    boolean hasEventsAfter(@Define("partition") String partition, @Bind("last_id") long lastId);

    @SqlQuery("lockProgress")
    Optional<Long> lockProgress();

    @SqlUpdate("setLockTimeout")
    void setLockTimeout();

    @SqlUpdate("dropPartition")
    void drop(@Define("partition") String partition);

    /** Citus: partitions whose day ended before {@code olderThan} become columnar. */
    @SqlCall("columnarBefore")
    void columnarBefore(@Bind("older_than") OffsetDateTime olderThan);
}
