package io.tern.client;

import io.tern.codec.MqttVersion;
import io.tern.codec.ReasonCode;

/**
 * The server refused the connection in CONNACK, for example "connection refused: bad user name or
 * password (0x86)"; on MQTT 3.1.1 the message names the return code instead.
 */
public final class ConnectionRefusedException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /**
     * A refusal.
     *
     * @param reasonCode   the CONNACK reason code (MQTT 3.1.1 return codes mapped to reason codes)
     * @param reasonString the server's reason string (MQTT 5), or {@code null}
     * @param version      the protocol version of the connection
     */
    public ConnectionRefusedException(ReasonCode reasonCode, String reasonString, MqttVersion version) {
        super("connection refused: " + (version.isV5() ? describe(reasonCode, reasonString) : returnCodeText(reasonCode)),
                reasonCode, reasonString, null);
    }

    private static String returnCodeText(ReasonCode code) {
        return switch (code) {
            case UNSUPPORTED_PROTOCOL_VERSION -> "unacceptable protocol version (return code 1)";
            case CLIENT_IDENTIFIER_NOT_VALID -> "identifier rejected (return code 2)";
            case SERVER_UNAVAILABLE -> "server unavailable (return code 3)";
            case BAD_USER_NAME_OR_PASSWORD -> "bad user name or password (return code 4)";
            case NOT_AUTHORIZED -> "not authorized (return code 5)";
            default -> describe(code, null);
        };
    }
}
