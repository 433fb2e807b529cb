package io.tern.client;

import io.tern.codec.ConnectReturnCodes;
import io.tern.codec.MqttVersion;
import io.tern.codec.ReasonCode;
import java.util.OptionalInt;

/**
 * The server refused the connection in CONNACK, for example "connection refused: bad user name or
 * password (0x86)"; on MQTT 3.1.1 the message names the return code instead ("not authorized (return
 * code 5)"), which {@link #returnCode()} tells.
 */
public final class ConnectionRefusedException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /** The MQTT 3.1.1 return code, or -1 on MQTT 5. */
    private final int returnCode;

    /**
     * A refusal.
     *
     * @param reasonCode   the CONNACK reason code (MQTT 3.1.1 return codes mapped to reason codes)
     * @param reasonString the server's reason string (MQTT 5), or {@code null}
     * @param version      the protocol version of the connection
     */
    public ConnectionRefusedException(ReasonCode reasonCode, String reasonString, MqttVersion version) {
        this(reasonCode, reasonString, version.isV5() ? -1 : ConnectReturnCodes.toReturnCode(reasonCode));
    }

    private ConnectionRefusedException(ReasonCode reasonCode, String reasonString, int returnCode) {
        super("connection refused: " + (returnCode < 0 ? describe(reasonCode, reasonString)
                : returnCodeText(reasonCode, returnCode)), reasonCode, reasonString, null);
        this.returnCode = returnCode;
    }

    /** The CONNACK return code of an MQTT 3.1.1 connection (1 to 5); empty on MQTT 5, where the reason code tells. */
    public OptionalInt returnCode() {
        return returnCode < 0 ? OptionalInt.empty() : OptionalInt.of(returnCode);
    }

    private static String returnCodeText(ReasonCode code, int returnCode) {
        String words = switch (returnCode) {
            case 1 -> "unacceptable protocol version";
            case 2 -> "identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> null;
        };
        return words == null ? describe(code, null) : words + " (return code " + returnCode + ")";
    }
}
