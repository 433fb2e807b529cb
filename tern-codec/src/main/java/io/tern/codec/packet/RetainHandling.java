package io.tern.codec.packet;

/** MQTT 5 subscription option: whether retained messages are sent when a subscription is made. */
public enum RetainHandling {
    /** Send retained messages at the time of the subscribe (the only behaviour of MQTT 3). */
    SEND_ON_SUBSCRIBE,
    /** Send retained messages only if the subscription did not exist before. */
    SEND_IF_NEW_SUBSCRIPTION,
    /** Do not send retained messages on subscribe. */
    DO_NOT_SEND;

    private static final RetainHandling[] VALUES = values();

    /** The value in bits 4 and 5 of the subscription options. */
    public int value() {
        return ordinal();
    }

    /**
     * The retain handling of a value.
     *
     * @throws IllegalArgumentException if the value is not 0, 1 or 2
     */
    public static RetainHandling of(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("retain handling must be 0, 1 or 2, not " + value);
        }
        return VALUES[value];
    }
}
