package io.tern.codec.packet;

import io.tern.codec.PacketType;

/** PINGRESP: the server's answer to PINGREQ. Use {@link #INSTANCE}. */
public record PingResp() implements MqttPacket {
    /** The one PINGRESP. */
    public static final PingResp INSTANCE = new PingResp();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
