package io.tern.codec.packet;

import io.tern.codec.PacketType;

/**
 * An MQTT control packet. Each type is an immutable record; the protocol version a packet is
 * written in belongs to the connection, except for {@link Connect}, which announces it.
 */
public sealed interface MqttPacket
        permits Connect, Connack, Publish, PublishResponse, Subscribe, Suback, Unsubscribe, Unsuback,
        PingReq, PingResp, Disconnect, Auth {

    /** The control packet type. */
    PacketType type();
}
