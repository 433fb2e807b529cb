package io.tern.codec;

/** The fifteen MQTT control packet types, with their type number and required fixed-header flags. */
public enum PacketType {
    CONNECT(1, 0),
    CONNACK(2, 0),
    /** PUBLISH carries DUP, QoS and RETAIN in its flags; {@link #requiredFlags()} does not apply. */
    PUBLISH(3, -1),
    PUBACK(4, 0),
    PUBREC(5, 0),
    PUBREL(6, 2),
    PUBCOMP(7, 0),
    SUBSCRIBE(8, 2),
    SUBACK(9, 0),
    UNSUBSCRIBE(10, 2),
    UNSUBACK(11, 0),
    PINGREQ(12, 0),
    PINGRESP(13, 0),
    DISCONNECT(14, 0),
    /** MQTT 5 only. */
    AUTH(15, 0);

    private static final PacketType[] BY_VALUE = new PacketType[16];

    static {
        for (PacketType type : values()) {
            BY_VALUE[type.value] = type;
        }
    }

    private final int value;
    private final int requiredFlags;

    PacketType(int value, int requiredFlags) {
        this.value = value;
        this.requiredFlags = requiredFlags;
    }

    /** The type number in the high nibble of the first byte. */
    public int value() {
        return value;
    }

    /** The low nibble of the first byte that the specification requires, or -1 for PUBLISH. */
    public int requiredFlags() {
        return requiredFlags;
    }

    /** The type of a type number, or {@code null} for 0 (reserved) and numbers above 15. */
    public static PacketType of(int value) {
        return value > 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
