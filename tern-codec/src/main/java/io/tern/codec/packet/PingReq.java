package io.tern.codec.packet;

import io.tern.codec.PacketType;

/** PINGREQ: the client's keep-alive probe. Use {@link #INSTANCE}. */
public record PingReq() implements MqttPacket {
    /** The one PINGREQ. */
    public static final PingReq INSTANCE = new PingReq();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
