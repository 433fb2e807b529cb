package io.tern.client;

import io.netty.channel.ChannelPipeline;
import io.tern.codec.MqttVersion;
import java.util.Objects;

/**
 * How MQTT bytes travel between client and server: plain TCP, TLS, WebSocket or WebSocket over TLS. A
 * transport adds its handlers in front of the MQTT codec.
 */
public interface Transport {
    /** Plain TCP, port 1883 by default. */
    static Transport tcp() {
        return TcpTransport.INSTANCE;
    }

    /** TLS, port 8883 by default. */
    static Transport tls(TlsConfig tls) {
        return new TlsTransport(tls);
    }

    /**
     * MQTT over WebSocket at {@code path} (such as {@code /mqtt}), port 80 by default: each MQTT packet
     * goes in binary frames, with the subprotocol {@code mqtt} ({@code mqttv3.1} for MQTT 3.1).
     */
    static Transport webSocket(String path) {
        return new WebSocketTransport(path, null);
    }

    /** MQTT over WebSocket over TLS at {@code path}, port 443 by default. */
    static Transport secureWebSocket(String path, TlsConfig tls) {
        return new WebSocketTransport(path, Objects.requireNonNull(tls, "tls"));
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
     * @param version  the MQTT version the client speaks (it picks the WebSocket subprotocol)
     */
    void configure(ChannelPipeline pipeline, String host, int port, MqttVersion version);

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
