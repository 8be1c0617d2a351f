package org.credanalytics.loadgen.gen;

import java.util.random.RandomGenerator;

/**
 * A ring of the most recent issuances, so that views and shares refer to credentials that were
 * actually issued shortly before, as they do in production.
 */
final class RecentIssuances {
    private final Issuance[] ring;
    private int next;
    private int size;

    RecentIssuances(int capacity) {
        this.ring = new Issuance[capacity];
    }

    void add(Issuance issuance) {
        ring[next] = issuance;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    boolean isEmpty() {
        return size == 0;
    }

    Issuance pick(RandomGenerator random) {
        return ring[random.nextInt(size)];
    }
}
