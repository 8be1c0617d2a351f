package org.credanalytics.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code limit} bytes of a stream, and fails with {@link TooLarge} beyond them rather than truncating. */
final class BoundedInput extends FilterInputStream {
    private final long limit;
    private final String what;
    private long read;

    BoundedInput(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    /** More bytes than allowed: the request is refused, nothing of it stored. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message, null);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws TooLarge {
        read += n;
        if (read > limit) {
            throw new TooLarge(what + " is larger than " + limit + " bytes (imports.maxRequestSize, after gzip is inflated)");
        }
    }
}
