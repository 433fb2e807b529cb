package io.tern.codec;

import static io.tern.codec.PacketType.AUTH;
import static io.tern.codec.PacketType.CONNACK;
import static io.tern.codec.PacketType.DISCONNECT;
import static io.tern.codec.PacketType.PUBACK;
import static io.tern.codec.PacketType.PUBCOMP;
import static io.tern.codec.PacketType.PUBREC;
import static io.tern.codec.PacketType.PUBREL;
import static io.tern.codec.PacketType.SUBACK;
import static io.tern.codec.PacketType.UNSUBACK;

/**
 * MQTT 5 reason codes (specification section 2.4), each with the packets it may appear in.
 *
 * <p>Some codes share a value and differ only in name by packet: {@link #SUCCESS} is also "Normal
 * disconnection" ({@link #NORMAL_DISCONNECTION}) and "Granted QoS 0" ({@link #GRANTED_QOS_0}).
 * MQTT 3.1.1 return codes are expressed with these codes too; the encoder and decoder translate.
 */
public enum ReasonCode {
    SUCCESS(0x00, CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK, AUTH, DISCONNECT, SUBACK),
    GRANTED_QOS_1(0x01, SUBACK),
    GRANTED_QOS_2(0x02, SUBACK),
    DISCONNECT_WITH_WILL_MESSAGE(0x04, DISCONNECT),
    NO_MATCHING_SUBSCRIBERS(0x10, PUBACK, PUBREC),
    NO_SUBSCRIPTION_EXISTED(0x11, UNSUBACK),
    CONTINUE_AUTHENTICATION(0x18, AUTH),
    REAUTHENTICATE(0x19, AUTH),
    UNSPECIFIED_ERROR(0x80, CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT),
    MALFORMED_PACKET(0x81, CONNACK, DISCONNECT),
    PROTOCOL_ERROR(0x82, CONNACK, DISCONNECT),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT),
    UNSUPPORTED_PROTOCOL_VERSION(0x84, CONNACK),
    CLIENT_IDENTIFIER_NOT_VALID(0x85, CONNACK),
    BAD_USER_NAME_OR_PASSWORD(0x86, CONNACK),
    NOT_AUTHORIZED(0x87, CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT),
    SERVER_UNAVAILABLE(0x88, CONNACK),
    SERVER_BUSY(0x89, CONNACK, DISCONNECT),
    BANNED(0x8A, CONNACK),
    SERVER_SHUTTING_DOWN(0x8B, DISCONNECT),
    BAD_AUTHENTICATION_METHOD(0x8C, CONNACK, DISCONNECT),
    KEEP_ALIVE_TIMEOUT(0x8D, DISCONNECT),
    SESSION_TAKEN_OVER(0x8E, DISCONNECT),
    TOPIC_FILTER_INVALID(0x8F, SUBACK, UNSUBACK, DISCONNECT),
    TOPIC_NAME_INVALID(0x90, CONNACK, PUBACK, PUBREC, DISCONNECT),
    PACKET_IDENTIFIER_IN_USE(0x91, PUBACK, PUBREC, SUBACK, UNSUBACK),
    PACKET_IDENTIFIER_NOT_FOUND(0x92, PUBREL, PUBCOMP),
    RECEIVE_MAXIMUM_EXCEEDED(0x93, DISCONNECT),
    TOPIC_ALIAS_INVALID(0x94, DISCONNECT),
    PACKET_TOO_LARGE(0x95, CONNACK, DISCONNECT),
    MESSAGE_RATE_TOO_HIGH(0x96, DISCONNECT),
    QUOTA_EXCEEDED(0x97, CONNACK, PUBACK, PUBREC, SUBACK, DISCONNECT),
    ADMINISTRATIVE_ACTION(0x98, DISCONNECT),
    PAYLOAD_FORMAT_INVALID(0x99, CONNACK, PUBACK, PUBREC, DISCONNECT),
    RETAIN_NOT_SUPPORTED(0x9A, CONNACK, DISCONNECT),
    QOS_NOT_SUPPORTED(0x9B, CONNACK, DISCONNECT),
    USE_ANOTHER_SERVER(0x9C, CONNACK, DISCONNECT),
    SERVER_MOVED(0x9D, CONNACK, DISCONNECT),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E, SUBACK, DISCONNECT),
    CONNECTION_RATE_EXCEEDED(0x9F, CONNACK, DISCONNECT),
    MAXIMUM_CONNECT_TIME(0xA0, DISCONNECT),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1, SUBACK, DISCONNECT),
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2, SUBACK, DISCONNECT);

    /** 0x00 in DISCONNECT. */
    public static final ReasonCode NORMAL_DISCONNECTION = SUCCESS;
    /** 0x00 in SUBACK. */
    public static final ReasonCode GRANTED_QOS_0 = SUCCESS;

    private static final ReasonCode[] BY_VALUE = new ReasonCode[256];

    static {
        for (ReasonCode code : values()) {
            BY_VALUE[code.value] = code;
        }
    }

    private final int value;
    private final int packetMask;

    ReasonCode(int value, PacketType... packets) {
        this.value = value;
        int mask = 0;
        for (PacketType packet : packets) {
            mask |= 1 << packet.value();
        }
        this.packetMask = mask;
    }

    /** The byte on the wire. */
    public int value() {
        return value;
    }

    /** Whether the code reports a failure (0x80 and above). */
    public boolean isError() {
        return value >= 0x80;
    }

    /** Whether the specification lists this code for the given packet type. */
    public boolean isAllowedIn(PacketType packet) {
        return (packetMask & (1 << packet.value())) != 0;
    }

    /** The code of a byte, or {@code null} if no reason code has that value. */
    public static ReasonCode of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }

    /** The code a SUBACK uses to grant a QoS. */
    public static ReasonCode granted(QoS qos) {
        return BY_VALUE[qos.value()];
    }
}
