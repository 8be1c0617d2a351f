package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.credanalytics.db.ComposedSqlFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** QueryDao's statements as readPlan.stg composes them, before Jdbi's per-query {@code @Define}. */
class QueryDaoStatementsTest {
    private final ComposedSqlFiles.Composer composer = new ComposedSqlFiles.Composer(QueryDao.class, "readPlan.stg");

    @Test
    void everyStatementComposesIntoPlainSql() {
        for (Method method : QueryDao.class.getDeclaredMethods()) {
            assertThat(statement(method)).as(method.getName()).doesNotContain("$").contains("<unrolled>");
        }
    }

    /** Citus routes a statement to one shard only when every source is filtered by the institution. */
    @ParameterizedTest
    @ValueSource(strings = {"activity", "geo", "credentialTypes"})
    void everySourceOfTheReadPlanIsOneInstitutions(String name) {
        String sql = statement(Arrays.stream(QueryDao.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name)).findFirst().orElseThrow());

        assertThat(count(sql, "UNION ALL")).isEqualTo(4);
        assertThat(count(sql, "FROM (monthly|<grain>|hourly|quarter_hourly)_\\w+\\s+WHERE institution_id = :institutionId"))
                .isEqualTo(4);
        assertThat(count(sql, "FROM analytics_events\\s+WHERE institution_id = :institutionId AND")).isEqualTo(1);
        assertThat(sql).contains("<bucket> <> ALL(:splitHours)", "OFFSET 0) AS h", "OFFSET 0) AS q");
    }

    private String statement(Method method) {
        return composer.locate(QueryDao.class, method, null);
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
