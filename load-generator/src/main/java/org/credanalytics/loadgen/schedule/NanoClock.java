package org.credanalytics.loadgen.schedule;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time and sleeping, injectable so that schedules can be tested in simulated time. */
public interface NanoClock {
    NanoClock SYSTEM = new NanoClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) throws InterruptedException {
            long remaining;
            while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };

    long nanoTime();

    void sleepUntil(long deadlineNanos) throws InterruptedException;
}
