package org.credanalytics.testing;

/** API keys the test suite uses. */
public final class TestKeys {
    /** The bootstrap admin key every test service starts with. */
    public static final String ADMIN = "test-admin-key-0123456789abcdef0123456789";

    private TestKeys() {}
}
