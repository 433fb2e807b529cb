package io.tern.client;

import io.tern.codec.ReasonCode;

/**
 * Why an operation of the client failed. The futures of {@link MqttClient} complete exceptionally with
 * a subclass of this, and {@link BlockingMqttClient} throws it. Where the server said why (a reason
 * code, and in MQTT 5 a reason string), the exception carries it.
 */
public class MqttClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ReasonCode reasonCode;
    private final String reasonString;

    /**
     * An exception.
     *
     * @param message      what went wrong, in words a person can act on
     * @param reasonCode   the reason code the server gave, or {@code null}
     * @param reasonString the reason string the server gave, or {@code null}
     * @param cause        the underlying failure, or {@code null}
     */
    public MqttClientException(String message, ReasonCode reasonCode, String reasonString, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
        this.reasonString = reasonString;
    }

    /** An exception without reason code. */
    public MqttClientException(String message, Throwable cause) {
        this(message, null, null, cause);
    }

    /** The reason code the server gave, or {@code null} if the failure did not come from the server. */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** The reason string the server gave (MQTT 5), or {@code null}. */
    public String reasonString() {
        return reasonString;
    }

    /** "not authorized (0x87)", and the server's reason string after it when there is one. */
    static String describe(ReasonCode code, String reasonString) {
        String text = code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + String.format(" (0x%02X)", code.value());
        return reasonString == null ? text : text + ": " + reasonString;
    }
}
