package io.tern.cli.bench;

import io.netty.buffer.ByteBuf;

/**
 * The bench header at the start of every payload: the publisher's index (int), the message's
 * sequence number (long) and its send time from {@link System#nanoTime()} (long), then filler up to
 * the payload size. Publishers and subscribers run in one JVM, so send times are comparable.
 */
final class Payload {
    /** The size of the header, and so the smallest payload. */
    static final int HEADER_SIZE = Integer.BYTES + Long.BYTES + Long.BYTES;

    private Payload() {
    }

    /** Writes the header, then zeros up to {@code size} bytes. */
    static void write(ByteBuf out, int size, int publisher, long sequence, long sentNanos) {
        out.writeInt(publisher).writeLong(sequence).writeLong(sentNanos).writeZero(size - HEADER_SIZE);
    }

    /** Whether {@code payload} is long enough to hold the header. */
    static boolean hasHeader(ByteBuf payload) {
        return payload.readableBytes() >= HEADER_SIZE;
    }

    static int publisher(ByteBuf payload) {
        return payload.getInt(payload.readerIndex());
    }

    static long sequence(ByteBuf payload) {
        return payload.getLong(payload.readerIndex() + Integer.BYTES);
    }

    static long sentNanos(ByteBuf payload) {
        return payload.getLong(payload.readerIndex() + Integer.BYTES + Long.BYTES);
    }
}
