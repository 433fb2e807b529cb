package io.tern.codec;

import static io.tern.codec.PacketType.AUTH;
import static io.tern.codec.PacketType.CONNACK;
import static io.tern.codec.PacketType.CONNECT;
import static io.tern.codec.PacketType.DISCONNECT;
import static io.tern.codec.PacketType.PUBACK;
import static io.tern.codec.PacketType.PUBCOMP;
import static io.tern.codec.PacketType.PUBLISH;
import static io.tern.codec.PacketType.PUBREC;
import static io.tern.codec.PacketType.PUBREL;
import static io.tern.codec.PacketType.SUBACK;
import static io.tern.codec.PacketType.SUBSCRIBE;
import static io.tern.codec.PacketType.UNSUBACK;
import static io.tern.codec.PacketType.UNSUBSCRIBE;

/**
 * The MQTT 5 properties (specification section 2.2.2.2): identifier, data type, and the packets
 * (or the will properties of CONNECT) that may carry each.
 */
public enum PropertyId {
    PAYLOAD_FORMAT_INDICATOR(0x01, Type.BYTE, true, PUBLISH),
    MESSAGE_EXPIRY_INTERVAL(0x02, Type.FOUR_BYTE_INTEGER, true, PUBLISH),
    CONTENT_TYPE(0x03, Type.UTF8_STRING, true, PUBLISH),
    RESPONSE_TOPIC(0x08, Type.UTF8_STRING, true, PUBLISH),
    CORRELATION_DATA(0x09, Type.BINARY_DATA, true, PUBLISH),
    SUBSCRIPTION_IDENTIFIER(0x0B, Type.VARIABLE_BYTE_INTEGER, false, PUBLISH, SUBSCRIBE),
    SESSION_EXPIRY_INTERVAL(0x11, Type.FOUR_BYTE_INTEGER, false, CONNECT, CONNACK, DISCONNECT),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, Type.UTF8_STRING, false, CONNACK),
    SERVER_KEEP_ALIVE(0x13, Type.TWO_BYTE_INTEGER, false, CONNACK),
    AUTHENTICATION_METHOD(0x15, Type.UTF8_STRING, false, CONNECT, CONNACK, AUTH),
    AUTHENTICATION_DATA(0x16, Type.BINARY_DATA, false, CONNECT, CONNACK, AUTH),
    REQUEST_PROBLEM_INFORMATION(0x17, Type.BYTE, false, CONNECT),
    WILL_DELAY_INTERVAL(0x18, Type.FOUR_BYTE_INTEGER, true),
    REQUEST_RESPONSE_INFORMATION(0x19, Type.BYTE, false, CONNECT),
    RESPONSE_INFORMATION(0x1A, Type.UTF8_STRING, false, CONNACK),
    SERVER_REFERENCE(0x1C, Type.UTF8_STRING, false, CONNACK, DISCONNECT),
    REASON_STRING(0x1F, Type.UTF8_STRING, false,
            CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH),
    RECEIVE_MAXIMUM(0x21, Type.TWO_BYTE_INTEGER, false, CONNECT, CONNACK),
    TOPIC_ALIAS_MAXIMUM(0x22, Type.TWO_BYTE_INTEGER, false, CONNECT, CONNACK),
    TOPIC_ALIAS(0x23, Type.TWO_BYTE_INTEGER, false, PUBLISH),
    MAXIMUM_QOS(0x24, Type.BYTE, false, CONNACK),
    RETAIN_AVAILABLE(0x25, Type.BYTE, false, CONNACK),
    USER_PROPERTY(0x26, Type.UTF8_STRING_PAIR, true, PacketType.values()),
    MAXIMUM_PACKET_SIZE(0x27, Type.FOUR_BYTE_INTEGER, false, CONNECT, CONNACK),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, Type.BYTE, false, CONNACK),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, Type.BYTE, false, CONNACK),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, Type.BYTE, false, CONNACK);

    /** The data types of property values (specification section 1.5). */
    public enum Type {
        BYTE, TWO_BYTE_INTEGER, FOUR_BYTE_INTEGER, VARIABLE_BYTE_INTEGER, UTF8_STRING, BINARY_DATA, UTF8_STRING_PAIR
    }

    /** The bit of {@link #allowedMask} standing for the will properties of CONNECT (packet type 0 is reserved). */
    private static final int WILL_BIT = 1;
    private static final PropertyId[] BY_ID = new PropertyId[0x2B];

    static {
        for (PropertyId id : values()) {
            BY_ID[id.id] = id;
        }
    }

    private final int id;
    private final Type type;
    private final int allowedMask;

    PropertyId(int id, Type type, boolean inWill, PacketType... packets) {
        this.id = id;
        this.type = type;
        int mask = inWill ? WILL_BIT : 0;
        for (PacketType packet : packets) {
            mask |= 1 << packet.value();
        }
        this.allowedMask = mask;
    }

    /** The identifier on the wire. */
    public int id() {
        return id;
    }

    /** The data type of the value. */
    public Type type() {
        return type;
    }

    /**
     * Whether a packet may carry this property more than once: user properties anywhere, and
     * subscription identifiers in PUBLISH.
     */
    public boolean isRepeatableIn(PacketType packet) {
        return this == USER_PROPERTY || (this == SUBSCRIPTION_IDENTIFIER && packet == PUBLISH);
    }

    /** Whether the property may appear in the properties of the given packet type. */
    public boolean isAllowedIn(PacketType packet) {
        return (allowedMask & (1 << packet.value())) != 0;
    }

    /** Whether the property may appear in the will properties of CONNECT. */
    public boolean isAllowedInWill() {
        return (allowedMask & WILL_BIT) != 0;
    }

    /** The property of an identifier, or {@code null} if there is none. */
    public static PropertyId of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
