package io.tern.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The automatic reconnect policy: exponential back-off with jitter. Off by default
 * ({@link #off()}); turn it on with {@link #exponential(Duration, Duration)}.
 */
public final class Reconnect {
    private static final Reconnect OFF = new Reconnect(Duration.ZERO, Duration.ZERO);

    private final Duration initialDelay;
    private final Duration maxDelay;

    private Reconnect(Duration initialDelay, Duration maxDelay) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /** No automatic reconnect: a lost connection stays lost. */
    public static Reconnect off() {
        return OFF;
    }

    /**
     * Reconnect after a delay that starts at {@code initialDelay} and doubles after each failed attempt
     * up to {@code maxDelay}; each delay is drawn at random between half and all of that value, so that
     * many clients dropped together do not come back together.
     *
     * @throws IllegalArgumentException if a delay is not positive or the maximum is below the initial
     */
    public static Reconnect exponential(Duration initialDelay, Duration maxDelay) {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("reconnect delays must be positive with max >= initial, not "
                    + initialDelay + " and " + maxDelay);
        }
        return new Reconnect(initialDelay, maxDelay);
    }

    /** Whether the client reconnects automatically. */
    public boolean isEnabled() {
        return this != OFF;
    }

    /**
     * The delay before an attempt, with jitter.
     *
     * @param attempt the attempt number, 1 for the first
     */
    public Duration delay(int attempt) {
        long initial = initialDelay.toNanos();
        long ceiling = maxDelay.toNanos();
        int doublings = Math.min(Math.max(attempt - 1, 0), 62);
        long base = initial > (ceiling >> doublings) ? ceiling : Math.min(ceiling, initial << doublings);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofNanos(jittered);
    }

    @Override
    public String toString() {
        return isEnabled() ? "Reconnect[exponential " + initialDelay + " to " + maxDelay + "]" : "Reconnect[off]";
    }
}
