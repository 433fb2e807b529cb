package io.tern.broker.limits;

import io.tern.broker.Rate;

/**
 * The state of one rate limit: a token bucket kept as a single number, the time at which it would be
 * full again (the generic cell rate algorithm). Holds {@code count} tokens, one coming back every
 * {@code per / count}. Not thread safe; costs no allocation per event.
 */
public final class TokenBucket {
    /** Nanoseconds between two tokens. */
    private final long intervalNanos;
    /** How far ahead of now the bucket may be emptied: a burst of the whole count. */
    private final long burstNanos;
    /** When the bucket is full again, in {@link System#nanoTime()} time; in the past when it is full. */
    private long fullAt;

    /** A full bucket for a limited rate. */
    public TokenBucket(Rate rate) {
        if (rate.isUnlimited()) {
            throw new IllegalArgumentException("an unlimited rate needs no bucket");
        }
        long periodNanos = rate.per().toNanos();
        this.intervalNanos = Math.max(1, periodNanos / rate.count());
        this.burstNanos = periodNanos - intervalNanos;
        this.fullAt = System.nanoTime() - periodNanos;
    }

    /** Takes a token if there is one at {@code now}; returns whether there was. */
    public boolean tryTake(long now) {
        long from = Math.max(fullAt, now);
        if (from - now > burstNanos) {
            return false;
        }
        fullAt = from + intervalNanos;
        return true;
    }

    /**
     * Takes a token even if there is none, going into debt; returns how long to wait, in nanoseconds,
     * until the bucket has a token again (0 if it still has one).
     */
    public long take(long now) {
        fullAt = Math.max(fullAt, now) + intervalNanos;
        return delayNanos(now);
    }

    /** How long to wait from {@code now}, in nanoseconds, until the bucket has a token (0 if it has one). */
    public long delayNanos(long now) {
        return Math.max(0, fullAt - burstNanos - now);
    }

    /** Whether the bucket is full at {@code now}, so that forgetting it changes nothing. */
    public boolean isFull(long now) {
        return fullAt <= now;
    }
}
