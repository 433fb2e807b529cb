package io.tern.cli.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The phases of a run on the {@link System#nanoTime()} scale, set once as publishers start: a
 * message sent at or after {@link #measureFrom()} belongs to the measured window; before, to the
 * warm-up. Publishers and subscribers apply that same test to the send time in the payload, so they
 * agree on which messages count without telling each other.
 */
final class Clock {
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureUntil = Long.MAX_VALUE;

    /** Starts the warm-up now; {@code window} is {@code null} when publishers stop after a count instead. */
    void start(Duration warmup, Duration window) {
        long now = System.nanoTime();
        long from = now + warmup.toNanos();
        measureUntil = window == null ? Long.MAX_VALUE : from + window.toNanos();
        measureFrom = from;
    }

    /** When the measured window begins. */
    long measureFrom() {
        return measureFrom;
    }

    /** When publishers stop, or {@link Long#MAX_VALUE} when they stop after a count. */
    long measureUntil() {
        return measureUntil;
    }

    /** Whether a message sent at {@code sentNanos} is counted. */
    boolean measured(long sentNanos) {
        return sentNanos >= measureFrom;
    }

    /** Whether the measured window has begun. */
    boolean measuring() {
        return System.nanoTime() >= measureFrom;
    }

    /** Sleeps until {@link System#nanoTime()} reaches {@code deadline}. */
    static void sleepUntil(long deadline) {
        for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
