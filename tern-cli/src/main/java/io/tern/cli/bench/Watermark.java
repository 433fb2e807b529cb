package io.tern.cli.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one subscriber group has got through one publisher's messages: the highest sequence number
 * it received. The publisher reads it to stay at most {@code --max-ahead} messages ahead, and asks to
 * be woken when the group reaches a sequence number, rather than polling.
 */
final class Watermark {
    private final AtomicLong highest = new AtomicLong(-1);
    private volatile long wakeAt = Long.MAX_VALUE;
    private volatile Runnable wake;

    /** The highest sequence number received, -1 before any. */
    long highest() {
        return highest.get();
    }

    /** Called by a subscriber of the group (members of a shared group may call it from several threads). */
    void advance(long sequence) {
        long current = highest.get();
        while (sequence > current && !highest.compareAndSet(current, sequence)) {
            current = highest.get();
        }
        if (sequence >= wakeAt) {
            wakeAt = Long.MAX_VALUE;
            wake.run();
        }
    }

    /**
     * Runs {@code wake} once the group has received {@code sequence}: returns {@code false} when it
     * has already, and then does not run it.
     */
    boolean wakeAt(long sequence, Runnable wake) {
        this.wake = wake;
        wakeAt = sequence;
        if (highest.get() >= sequence) {
            wakeAt = Long.MAX_VALUE;
            return false;
        }
        return true;
    }
}
