package org.credanalytics.ingest;

import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * A growable big-endian byte buffer for building COPY payloads. Reused across flushes by one
 * thread, so a steady state allocates nothing.
 */
public final class CopyBuffer {
    private byte[] bytes;
    private int length;

    public CopyBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    public void reset() {
        length = 0;
    }

    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Sends the buffer as the whole of {@code copyIn}'s data and ends it; a COPY left open by a failure is cancelled. */
    public void sendTo(CopyIn copyIn) throws SQLException {
        try {
            copyIn.writeToCopy(bytes, 0, length);
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    public void writeShort(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    public void writeInt(int value) {
        ensure(4);
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    public void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    public void writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    public void write(byte[] source) {
        ensure(source.length);
        System.arraycopy(source, 0, bytes, length, source.length);
        length += source.length;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
