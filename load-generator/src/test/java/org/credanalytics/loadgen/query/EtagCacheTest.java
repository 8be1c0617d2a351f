package org.credanalytics.loadgen.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EtagCacheTest {
    private static final String FUNNEL = "/v1/institutions/1/funnel?from=2026-02-23&to=2026-03-02&tz=UTC";
    private static final String FUNNEL_CSV = FUNNEL + "&format=csv";

    @Test
    void keepsTheLastTagOfEachPathAndQuery() {
        EtagCache cache = new EtagCache();

        cache.remember(FUNNEL, 200, Optional.of("\"a\""));
        cache.remember(FUNNEL_CSV, 200, Optional.of("\"c\""));
        cache.remember(FUNNEL, 304, Optional.of("\"a\""));
        cache.remember(FUNNEL_CSV, 200, Optional.of("\"d\""));

        assertThat(cache.tagFor(FUNNEL)).contains("\"a\"");
        assertThat(cache.tagFor(FUNNEL_CSV)).contains("\"d\"");
        assertThat(cache.tagFor("/v1/institutions/2/funnel?from=2026-02-23&to=2026-03-02&tz=UTC")).isEmpty();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void errorsKeepTheTagAndAnAnswerWithoutOneDropsIt() {
        EtagCache cache = new EtagCache();
        cache.remember(FUNNEL, 200, Optional.of("\"a\""));

        cache.remember(FUNNEL, 503, Optional.empty());
        cache.remember(FUNNEL, 500, Optional.of("\"error\""));
        assertThat(cache.tagFor(FUNNEL)).contains("\"a\"");

        cache.remember(FUNNEL, 304, Optional.empty());
        assertThat(cache.tagFor(FUNNEL)).contains("\"a\"");

        cache.remember(FUNNEL, 200, Optional.empty());
        assertThat(cache.tagFor(FUNNEL)).isEmpty();
    }
}
