package org.credanalytics.imports;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The {@code import} command's progress: on a terminal, one line redrawn in place (a bar, events
 * applied, events/s and the time left); elsewhere (a log, a pipe), a plain line every 10 s.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintStream out;
    private final long total;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long done;
    private long lastPrinted;

    ProgressBar(PrintStream out, long total, boolean terminal) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
    }

    void advance(long events) {
        done += events;
        long now = System.nanoTime();
        if (terminal || now - lastPrinted >= LOG_EVERY_NANOS) {
            lastPrinted = now;
            print(now);
        }
    }

    void finish() {
        print(System.nanoTime());
        if (terminal) {
            out.println();
        }
    }

    private void print(long now) {
        out.print((terminal ? "\r" : "") + line(done, total, now - started) + (terminal ? "" : System.lineSeparator()));
        out.flush();
    }

    /** E.g. {@code [===============>              ]  52%  1,040,000/2,000,000 events  98,112 events/s  ETA 0:10}. */
    static String line(long done, long total, long elapsedNanos) {
        double share = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(share * WIDTH);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? ">" : "") + " ".repeat(WIDTH - filled);
        double seconds = elapsedNanos / 1e9;
        long rate = seconds > 0 ? Math.round(done / seconds) : 0;
        String eta = rate > 0 ? clock((total - done) / rate) : "-";
        return String.format("[%s] %3d%%  %,d/%,d events  %,d events/s  ETA %s", bar, Math.round(share * 100), done, total,
                rate, eta);
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
