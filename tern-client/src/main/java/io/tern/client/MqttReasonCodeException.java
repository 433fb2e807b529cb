package io.tern.client;

import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;

/**
 * The server answered with an error reason code: a PUBACK or PUBREC refusing a publish, an UNSUBACK
 * or SUBACK refusing everything, or AUTH failing.
 */
public final class MqttReasonCodeException extends MqttClientException {
    private static final long serialVersionUID = 1L;

    /**
     * An error answer.
     *
     * @param packet       the packet that carried the code, such as {@link PacketType#PUBACK}
     * @param reasonCode   the error reason code
     * @param reasonString the server's reason string, or {@code null}
     */
    public MqttReasonCodeException(PacketType packet, ReasonCode reasonCode, String reasonString) {
        super(packet + " refused: " + describe(reasonCode, reasonString), reasonCode, reasonString, null);
    }
}
