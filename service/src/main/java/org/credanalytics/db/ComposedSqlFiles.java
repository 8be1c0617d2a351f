package org.credanalytics.db;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.SimpleExtensionConfigurer;
import org.jdbi.v3.core.extension.annotation.UseExtensionConfigurer;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.sqlobject.SqlObjects;
import org.jdbi.v3.sqlobject.locator.SqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.stringtemplate.v4.ST;
import org.stringtemplate.v4.STErrorListener;
import org.stringtemplate.v4.STGroup;
import org.stringtemplate.v4.STGroupFile;
import org.stringtemplate.v4.misc.STMessage;

/**
 * As {@link SqlFiles} for {@code @SqlQuery} methods, and each statement file may call the StringTemplate 4 templates of the group
 * named by {@link #value()} (next to the files, delimiters {@code $...$}). A statement is composed
 * once, the first time it is located, into the SQL text a plain {@code .sql} file would hold; its
 * {@code <name>} attributes are still rendered per query by Jdbi's {@code @Define}, so the query path
 * does no template work beyond what plain files cost.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@UseExtensionConfigurer(ComposedSqlFiles.Configurer.class)
public @interface ComposedSqlFiles {
    /** The template group's file name, in the folder of the statement files. */
    String value();

    final class Configurer extends SimpleExtensionConfigurer {
        private static final Map<Class<?>, SqlLocator> LOCATORS = new ConcurrentHashMap<>();

        @Override
        public void configure(ConfigRegistry registry, Annotation annotation, Class<?> sqlObjectType) {
            String groupFile = ((ComposedSqlFiles) annotation).value();
            registry.get(SqlObjects.class)
                    .setSqlLocator(LOCATORS.computeIfAbsent(sqlObjectType, type -> new Composer(type, groupFile)));
        }
    }

    /** The statements of one SQL object type, each composed on its first use. */
    final class Composer implements SqlLocator {
        private static final ClasspathSqlLocator FILES = ClasspathSqlLocator.removingComments();
        private final Class<?> type;
        private final STGroup templates;
        private final Map<String, String> statements = new ConcurrentHashMap<>();

        public Composer(Class<?> type, String groupFile) {
            this.type = type;
            String path = type.getName().replace('.', '/') + "/" + groupFile;
            URL url = type.getClassLoader().getResource(path);
            if (url == null) {
                throw new IllegalStateException("No template group " + path + " on the classpath");
            }
            this.templates = new STGroupFile(url, StandardCharsets.UTF_8.name(), '$', '$');
            this.templates.setListener(new Failing());
        }

        @Override
        public String locate(Class<?> sqlObjectType, Method method, ConfigRegistry config) {
            SqlQuery query = method.getAnnotation(SqlQuery.class);
            String name = query == null || query.value().isEmpty() ? method.getName() : query.value();
            return statements.computeIfAbsent(name, this::compose);
        }

        // StringTemplate groups load lazily and are not meant for concurrent first use.
        private synchronized String compose(String name) {
            return new ST(templates, FILES.locate(type, name)).render();
        }
    }

    /** A mistake in a template fails the statement instead of printing to stderr. */
    final class Failing implements STErrorListener {
        @Override
        public void compileTimeError(STMessage msg) {
            throw new IllegalStateException("StringTemplate: " + msg, msg.cause);
        }

        @Override
        public void runTimeError(STMessage msg) {
            compileTimeError(msg);
        }

        @Override
        public void IOError(STMessage msg) {
            compileTimeError(msg);
        }

        @Override
        public void internalError(STMessage msg) {
            compileTimeError(msg);
        }
    }
}
