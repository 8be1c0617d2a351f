package org.credanalytics.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class OpenLoopRunnerTest {
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Simulated time in which every sleep wakes up late by up to 2 ms, like a loaded machine. */
    private static final class OversleepingClock implements NanoClock {
        private final Random random = new Random(42);
        private long now = 5 * SECOND;

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized void sleepUntil(long deadlineNanos) {
            now = Math.max(now, deadlineNanos) + random.nextInt((int) (2 * MILLI));
        }
    }

    @Test
    void dueTimesDoNotDriftOverSixtySimulatedSecondsOfLateWakeUps() throws InterruptedException {
        OversleepingClock clock = new OversleepingClock();
        OpenLoopRunner<Long> runner = new OpenLoopRunner<>(RateSchedule.steady(100, 1), 60 * SECOND, 0, 1, clock);
        List<Long> intended = Collections.synchronizedList(new ArrayList<>());

        OpenLoopRunner.Summary summary = runner.run(n -> n, s -> intended.add(s.intendedNanos()), null);

        assertThat(summary.items()).isEqualTo(6000);
        List<Long> sorted = new ArrayList<>(intended);
        Collections.sort(sorted);
        long start = sorted.get(0);
        for (int n = 0; n < sorted.size(); n++) {
            assertThat(sorted.get(n) - start).isEqualTo(n * 10 * MILLI);
        }
        // Had each sleep been relative to the last wake-up, 6000 late wake-ups of ~1 ms would add ~6 s.
        assertThat(clock.nanoTime() - start).isBetween(59_990 * MILLI, 59_990 * MILLI + 2 * MILLI);
    }

    @Test
    void itemsWaitingForABusyWorkerKeepTheirIntendedTime() throws InterruptedException {
        OpenLoopRunner<Long> runner = new OpenLoopRunner<>(RateSchedule.steady(100, 1), 200 * MILLI, SECOND, 1,
                NanoClock.SYSTEM);
        List<long[]> handled = new CopyOnWriteArrayList<>();

        runner.run(n -> n, s -> {
            handled.add(new long[] {s.intendedNanos(), System.nanoTime()});
            sleep(40);
        }, null);

        assertThat(handled).hasSize(20);
        long start = handled.get(0)[0];
        for (int n = 0; n < handled.size(); n++) {
            assertThat(handled.get(n)[0] - start).isEqualTo(n * 10 * MILLI);
        }
        // One worker taking 40 ms per item falls behind a 10 ms schedule: the last item waits long past its due time.
        long[] last = handled.get(handled.size() - 1);
        assertThat(last[1] - last[0]).isGreaterThan(400 * MILLI);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
