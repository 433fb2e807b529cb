package io.tern.codec;

/** MQTT quality of service levels. */
public enum QoS {
    /** At most once. */
    AT_MOST_ONCE,
    /** At least once. */
    AT_LEAST_ONCE,
    /** Exactly once. */
    EXACTLY_ONCE;

    private static final QoS[] VALUES = values();

    /** The numeric level, 0 to 2. */
    public int value() {
        return ordinal();
    }

    /**
     * The QoS of a numeric level.
     *
     * @throws IllegalArgumentException if the level is not 0, 1 or 2
     */
    public static QoS of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + value);
        }
        return VALUES[value];
    }

    /** The lower of two levels, as a subscription's granted QoS caps a message's QoS. */
    public static QoS min(QoS a, QoS b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
