package org.credanalytics.testing;

import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

/** Finds a {@code Managed} the running test application registered, e.g. to run its job's tick on demand. */
public final class ManagedObjects {
    private ManagedObjects() {
    }

    public static <T> T find(DropwizardAppExtension<?> app, Class<T> type) {
        return app.getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(o -> o instanceof JettyManaged managed && type.isInstance(managed.getManaged()))
                .map(o -> type.cast(((JettyManaged) o).getManaged()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no managed " + type.getSimpleName()));
    }
}
