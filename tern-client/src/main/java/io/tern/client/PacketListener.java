package io.tern.client;

import io.tern.codec.packet.MqttPacket;

/**
 * Sees each MQTT packet the client sends and receives, for debugging and tracing (such as mosquitto's
 * {@code -d} lines). Called on the client's network thread, in the order of the wire: be quick, do not
 * block, and do not keep the packet (its payload buffer is released after the call). Add one with
 * {@link MqttClientBuilder#packetListener(PacketListener)}.
 */
public interface PacketListener {
    /** {@code packet} is about to be written to the connection. */
    default void sending(MqttPacket packet) {
    }

    /** {@code packet} came from the server, before the client acts on it. */
    default void received(MqttPacket packet) {
    }
}
