package org.credanalytics.imports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.credanalytics.db.SqlFiles;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The imports' statements (one file each under {@code org/credanalytics/imports/ImportDao/}). */
@SqlFiles
interface ImportDao {
    @SqlQuery("create")
    long create(@Bind("institution_id") Long institutionId, @Bind("created_by") Long createdBy);

    @SqlQuery("find")
    @RegisterConstructorMapper(ImportRow.class)
    Optional<ImportRow> find(@Bind("id") long id);

    @SqlQuery("list")
    @RegisterConstructorMapper(ImportRow.class)
    List<ImportRow> list(@Bind("institution_id") Long institutionId, @Bind("limit") int limit);

    @SqlQuery("lock")
    Optional<String> lock(@Bind("id") long id);

    @SqlQuery("addPart")
    int addPart(@Bind("id") long id, @Bind("read") long read, @Bind("queued") long queued,
                @Bind("rejected") long rejected, @Bind("rejections") String rejectionsJson,
                @Bind("max_rejections") int maxRejections);

    @SqlUpdate("chunkApplied")
    void chunkApplied(@Bind("id") long id, @Bind("imported") long imported, @Bind("duplicates") long duplicates);

    @SqlUpdate("partDone")
    int partDone(@Bind("id") long id);

    @SqlUpdate("finishIfComplete")
    int finishIfComplete(@Bind("id") long id);

    @SqlUpdate("finish")
    void finish(@Bind("id") long id, @Bind("state") String state, @Bind("error") String error);

    @SqlUpdate("touch")
    int touch(@Bind("ids") List<Long> ids);

    @SqlQuery("stale")
    List<Long> stale(@Bind("stale_seconds") long staleSeconds);

    @SqlQuery("createPartitions")
    int createPartitions(@Bind("days") List<String> isoDays);

    @SqlQuery("useWorkMem")
    String useWorkMem(@Bind("work_mem") String workMem);

    @SqlQuery("nextChunk")
    long nextChunk();

    @SqlUpdate("analyzeStaged")
    void analyzeStaged();

    @SqlUpdate("dropImported")
    int dropImported();

    @SqlUpdate("dropLive")
    int dropLive(@Bind("raw_from") OffsetDateTime rawFrom);

    @SqlUpdate("claimKeys")
    int claimKeys(@Bind("import_id") long importId, @Bind("chunk") long chunk);

    @SqlQuery("countRecent")
    long countRecent(@Bind("raw_from") OffsetDateTime rawFrom);

    @SqlUpdate("keepRaw")
    int keepRaw(@Bind("import_id") long importId, @Bind("raw_from") OffsetDateTime rawFrom);

    @SqlUpdate("clearStaged")
    void clearStaged();

    @SqlUpdate("deleteFrom")
    int deleteFrom(@Define("table") String table, @Bind("import_id") long importId);
}
