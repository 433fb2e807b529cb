package io.tern.client;

import io.netty.channel.ChannelPipeline;

/**
 * How MQTT bytes travel between client and server: plain TCP today; TLS and WebSocket implement this
 * interface by adding their handlers in front of the MQTT codec.
 */
public interface Transport {
    /** Plain TCP, port 1883 by default. */
    static Transport tcp() {
        return TcpTransport.INSTANCE;
    }

    /** The port used when none is given. */
    int defaultPort();

    /**
     * Adds the handlers this transport needs to a new channel's pipeline, before the client adds the
     * MQTT codec after them.
     *
     * @param pipeline the pipeline of the channel
     * @param host     the server's host name, as given (for TLS server name indication and the WebSocket
     *                 Host header)
     * @param port     the server's port
     */
    void configure(ChannelPipeline pipeline, String host, int port);

    /**
     * Whether a user event fired through the pipeline says that the transport finished its own handshake
     * (TLS, WebSocket upgrade) and the client may send CONNECT. A transport without a handshake is ready
     * when the channel is active and never sees this called with a meaningful event.
     */
    default boolean isReady(Object userEvent) {
        return false;
    }

    /** Whether the transport has a handshake of its own to finish after the TCP connection opens. */
    default boolean hasHandshake() {
        return false;
    }
}
