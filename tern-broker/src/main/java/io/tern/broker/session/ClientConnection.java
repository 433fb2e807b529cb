package io.tern.broker.session;

import io.tern.broker.auth.ClientInfo;
import io.tern.codec.MqttVersion;
import io.tern.codec.packet.MqttPacket;

/** The network connection a session is attached to, as the session sees it. */
public interface ClientConnection {
    /** Writes a packet; the connection flushes once per batch of writes. Call on the connection's event loop. */
    void send(MqttPacket packet);

    /** The protocol version of the connection. */
    MqttVersion version();

    /** Who the client is. */
    ClientInfo client();

    /** Closes the connection because another connection took over its session; the will is published. */
    void closeForTakeover();
}
