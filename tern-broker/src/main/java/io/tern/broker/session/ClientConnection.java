package io.tern.broker.session;

import io.tern.broker.auth.ClientInfo;
import io.tern.broker.routing.Message;
import io.tern.codec.QoS;
import io.tern.codec.MqttVersion;
import io.tern.codec.packet.MqttPacket;

/** The network connection a session is attached to, as the session sees it. */
public interface ClientConnection {
    /** Writes a packet; the connection flushes once per batch of writes. Call on the connection's event loop. */
    void send(MqttPacket packet);

    /** The protocol version of the connection. */
    MqttVersion version();

    /**
     * The most QoS 1/2 messages the client accepts unacknowledged: its MQTT 5 Receive Maximum,
     * 65,535 when it gave none or speaks MQTT 3.
     */
    int receiveMaximum();

    /**
     * Whether a PUBLISH of the message fits the Maximum Packet Size the client set in CONNECT
     * (MQTT 5); always true for a client that set none.
     */
    boolean fits(Message message, QoS qos, boolean retain);

    /**
     * Whether the client's socket takes more at once; false while it is a slow consumer, with more
     * than the broker's maximum pending bytes waiting for it. Call on the connection's event loop.
     */
    boolean writable();

    /** Who the client is. */
    ClientInfo client();

    /** Closes the connection because another connection took over its session; the will is published. */
    void closeForTakeover();
}
