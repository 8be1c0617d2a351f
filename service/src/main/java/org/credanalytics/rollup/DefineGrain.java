package org.credanalytics.rollup;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizerFactory;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizingAnnotation;
import org.jdbi.v3.sqlobject.customizer.SqlStatementParameterCustomizer;

/** Renders a {@link RollupGrain} parameter into a statement's {@code <grain>} and {@code <bucket>}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@SqlStatementCustomizingAnnotation(DefineGrain.Factory.class)
public @interface DefineGrain {
    final class Factory implements SqlStatementCustomizerFactory {
        @Override
        public SqlStatementParameterCustomizer createForParameter(Annotation annotation, Class<?> sqlObjectType,
                                                                  Method method, Parameter param, int index, Type type) {
            return (statement, grain) -> statement
                    .define("grain", ((RollupGrain) grain).tablePrefix())
                    .define("bucket", ((RollupGrain) grain).bucket());
        }
    }
}
