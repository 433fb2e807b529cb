package io.tern.client;

import java.time.Duration;

/** Checks of the intervals MQTT carries as a four-byte count of seconds (expiries, delays). */
final class Intervals {
    private static final long MAX_SECONDS = 0xFFFF_FFFFL;

    private Intervals() {
    }

    /**
     * Returns {@code interval} if it fits.
     *
     * @param what the name for the message, such as "session expiry"
     * @throws IllegalArgumentException if negative or more than 4,294,967,295 seconds
     */
    static Duration requireFourByteSeconds(Duration interval, String what) {
        long seconds = interval.getSeconds();
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(what + " must be between 0 and " + MAX_SECONDS + " s, not " + interval);
        }
        return interval;
    }
}
