package org.credanalytics.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@code @ExtendWith(CleanDatabase.class)}: every test starts with empty tables. */
public final class CleanDatabase implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase.get().truncateAll();
    }
}
