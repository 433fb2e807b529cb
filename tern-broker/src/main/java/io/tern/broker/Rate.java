package io.tern.broker;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate limit: at most {@code count} events per {@code per}, in bursts of up to {@code count}.
 *
 * @param count the events allowed per period, 0 for no limit
 * @param per   the period
 */
public record Rate(long count, Duration per) {
    /** No limit. */
    public static final Rate UNLIMITED = new Rate(0, Duration.ofSeconds(1));

    /** Checks the rate. */
    public Rate {
        Objects.requireNonNull(per, "per");
        if (count < 0) {
            throw new IllegalArgumentException("a rate must not be negative, not " + count);
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("the period of a rate must be positive, not " + per);
        }
    }

    /** At most {@code count} events a second. */
    public static Rate perSecond(long count) {
        return new Rate(count, Duration.ofSeconds(1));
    }

    /** Whether this puts no limit. */
    public boolean isUnlimited() {
        return count == 0;
    }

    @Override
    public String toString() {
        return isUnlimited() ? "unlimited" : count + "/" + per.toMillis() + "ms";
    }
}
