package org.credanalytics.db;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * What every Jdbi of the service needs: SqlObject, and the SQL array types its statements bind
 * (timestamptz[] for split hours, date[] for partition days).
 */
public final class AnalyticsJdbi extends JdbiPlugin.Singleton {
    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArrayType(OffsetDateTime.class, "timestamptz");
        jdbi.registerArrayType(LocalDate.class, "date");
    }

    public static Jdbi install(Jdbi jdbi) {
        return jdbi.installPlugin(new AnalyticsJdbi());
    }
}
