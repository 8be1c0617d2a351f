package org.credanalytics.db;

import org.jdbi.v3.core.Jdbi;

/**
 * Whether the database is a Citus coordinator: the {@code citus} extension is installed. Citus
 * functions and views are only ever called after this said yes; plain PostgreSQL has none of them.
 */
public final class Citus {
    private Citus() {
    }

    public static boolean isPresent(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')")
                .mapTo(Boolean.class).one());
    }
}
