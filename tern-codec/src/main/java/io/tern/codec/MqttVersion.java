package io.tern.codec;

/**
 * The MQTT protocol versions Tern speaks, with the protocol name and level that a CONNECT packet
 * carries for each.
 */
public enum MqttVersion {
    /** MQTT 3.1: protocol name {@code MQIsdp}, level 3. */
    V3_1("MQIsdp", 3),
    /** MQTT 3.1.1: protocol name {@code MQTT}, level 4. */
    V3_1_1("MQTT", 4),
    /** MQTT 5.0: protocol name {@code MQTT}, level 5. */
    V5("MQTT", 5);

    private final String protocolName;
    private final int level;

    MqttVersion(String protocolName, int level) {
        this.protocolName = protocolName;
        this.level = level;
    }

    /** The protocol name written in CONNECT. */
    public String protocolName() {
        return protocolName;
    }

    /** The protocol level written in CONNECT. */
    public int level() {
        return level;
    }

    /** Whether this version has properties, reason codes on acknowledgements and AUTH (MQTT 5). */
    public boolean isV5() {
        return this == V5;
    }

    /**
     * The version a CONNECT announces by its protocol level, or {@code null} for a level Tern does
     * not speak.
     */
    public static MqttVersion ofLevel(int level) {
        return switch (level) {
            case 3 -> V3_1;
            case 4 -> V3_1_1;
            case 5 -> V5;
            default -> null;
        };
    }
}
