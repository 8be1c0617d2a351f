package org.credanalytics.db;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * What every Jdbi of the service needs: SqlObject, the SQL array types its statements bind
 * (timestamptz[] for split hours, date[] for partition days), and dates read as pgjdbc's own
 * {@code LocalDate}s. Jdbi's default mapper goes through {@code java.sql.Timestamp} and a
 * {@code Calendar} per value: a quarter of the service's CPU for a year of days.
 */
public final class AnalyticsJdbi extends JdbiPlugin.Singleton {
    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArrayType(OffsetDateTime.class, "timestamptz");
        jdbi.registerArrayType(LocalDate.class, "date");
        jdbi.registerColumnMapper(LocalDate.class, (rows, column, context) -> rows.getObject(column, LocalDate.class));
    }

    public static Jdbi install(Jdbi jdbi) {
        return jdbi.installPlugin(new AnalyticsJdbi());
    }

    /**
     * Works out the SQL object types' metadata (their methods' handlers) once, on {@code jdbi}
     * itself. Jdbi caches it in the configuration that every handle copies, but only learns it when
     * a type is attached, which is always to a handle: its copy then learns it and is thrown away,
     * so each request's {@code handle.attach} worked it out again, a fifth of a dashboard query's CPU.
     */
    public static void describe(Jdbi jdbi, Class<?>... sqlObjectTypes) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        ExtensionFactory sqlObjects = extensions.findFactory(SqlObjectFactory.class).orElseThrow();
        for (Class<?> type : sqlObjectTypes) {
            extensions.findMetadata(type, sqlObjects);
        }
    }
}
