package org.credanalytics.loadgen.schedule;

/**
 * An item handed to a worker with the time it was due. Latency is measured from
 * {@code intendedNanos}, not from when a worker got to it; after {@code deadlineNanos} workers
 * should give up rather than retry, so that a run always ends.
 */
public record Scheduled<T>(T item, long index, long intendedNanos, long deadlineNanos) {
}
