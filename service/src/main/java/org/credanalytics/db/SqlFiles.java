package org.credanalytics.db;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.SimpleExtensionConfigurer;
import org.jdbi.v3.core.extension.annotation.UseExtensionConfigurer;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.sqlobject.SqlObjects;
import org.jdbi.v3.sqlobject.locator.SqlLocator;
import org.jdbi.v3.sqlobject.locator.SqlObjectClasspathSqlLocator;

/**
 * The SQL object's statements are in {@code .sql} files next to it on the classpath, as with Jdbi's
 * {@code @UseClasspathSqlLocator}, but read once per process. Jdbi's annotation builds a new
 * locator, with an empty cache, every time a SQL object is attached to a handle, so every dashboard
 * query re-read its file from the jar and lexed it to strip the comments: a third of the service's
 * CPU per query.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@UseExtensionConfigurer(SqlFiles.Configurer.class)
public @interface SqlFiles {

    final class Configurer extends SimpleExtensionConfigurer {
        private static final SqlLocator SHARED = new SqlObjectClasspathSqlLocator(ClasspathSqlLocator.removingComments());

        @Override
        public void configure(ConfigRegistry registry, Annotation annotation, Class<?> sqlObjectType) {
            registry.get(SqlObjects.class).setSqlLocator(SHARED);
        }
    }
}
