package org.credanalytics.ingest.routing;

/**
 * The hash Citus gives a {@code bigint} distribution column: PostgreSQL's {@code hashint8}, which
 * folds the value to 32 bits and mixes it with Bob Jenkins' lookup3 {@code final} step
 * ({@code hash_bytes_uint32} in {@code src/common/hashfn.c}). A row belongs to the shard whose
 * [shardminvalue, shardmaxvalue] holds this value, so the writer can tell, without asking the
 * database, which node holds an institution's rows. Checked against Citus's own
 * {@code worker_hash} by {@code CitusHashTest}.
 */
public final class CitusHash {
    private static final int INITIAL = 0x9e3779b9 + Integer.BYTES + 3923095;

    private CitusHash() {
    }

    public static int ofBigint(long value) {
        int low = (int) value;
        int high = (int) (value >>> 32);
        low ^= value >= 0 ? high : ~high;
        return ofUint32(low);
    }

    private static int ofUint32(int k) {
        int a = INITIAL + k;
        int b = INITIAL;
        int c = INITIAL;
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        return c;
    }
}
