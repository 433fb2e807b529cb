package io.tern.codec;

import io.netty.handler.codec.DecoderException;

/**
 * A packet broke the MQTT specification. It carries the MQTT 5 reason code the specification calls
 * for, so that the receiver answers correctly: with CONNACK while connecting, with DISCONNECT (MQTT 5)
 * afterwards, and by closing the connection.
 */
public final class MqttCodecException extends DecoderException {
    private static final long serialVersionUID = 1L;

    private final transient ReasonCode reasonCode;
    private final transient PacketType packetType;
    private final transient MqttVersion version;

    /**
     * A violation.
     *
     * @param reasonCode what kind of violation: {@link ReasonCode#MALFORMED_PACKET},
     *                   {@link ReasonCode#PROTOCOL_ERROR}, {@link ReasonCode#PACKET_TOO_LARGE}, ...
     * @param packetType the packet that broke the rule, or {@code null} if its type is unknown
     * @param version    the protocol version of the connection, or {@code null} if not yet known
     * @param message    what was wrong, for a person reading the log
     */
    public MqttCodecException(ReasonCode reasonCode, PacketType packetType, MqttVersion version, String message) {
        super(message);
        this.reasonCode = reasonCode;
        this.packetType = packetType;
        this.version = version;
    }

    /** The MQTT 5 reason code the violation calls for. */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** The type of the offending packet, or {@code null} if the type itself was invalid. */
    public PacketType packetType() {
        return packetType;
    }

    /** The protocol version of the connection, or {@code null} before a CONNECT announced it. */
    public MqttVersion version() {
        return version;
    }
}
