package io.tern.client;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.tern.codec.MqttVersion;
import io.tern.codec.MqttPacketDecoder;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * MQTT over WebSocket, optionally over TLS: an HTTP upgrade at a path, then MQTT bytes in binary frames
 * [MQTT-6.0.0-1] with the subprotocol "mqtt" [MQTT-6.0.0-4] ("mqttv3.1" for MQTT 3.1).
 */
final class WebSocketTransport implements Transport {
    /** The largest HTTP upgrade response read; a server's answer is a few hundred bytes. */
    private static final int MAX_UPGRADE_RESPONSE = 16 * 1024;

    private final String path;
    private final TlsConfig tls;

    /**
     * @param path the path of the upgrade request; must start with '/'
     * @param tls  TLS under the WebSocket, or {@code null} for none
     */
    WebSocketTransport(String path, TlsConfig tls) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("the WebSocket path must start with '/', not " + path);
        }
        this.path = path;
        this.tls = tls;
    }

    @Override
    public int defaultPort() {
        return tls == null ? 80 : 443;
    }

    @Override
    public void configure(ChannelPipeline pipeline, String host, int port, MqttVersion version) {
        if (tls != null) {
            TlsTransport.addTls(pipeline, tls, host, port);
        }
        URI uri = uri(host, port);
        pipeline.addLast("http", new HttpClientCodec());
        pipeline.addLast("httpAggregator", new HttpObjectAggregator(MAX_UPGRADE_RESPONSE));
        pipeline.addLast("webSocket", new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(version == MqttVersion.V3_1 ? "mqttv3.1" : "mqtt")
                .version(WebSocketVersion.V13)
                .maxFramePayloadLength(MqttPacketDecoder.MAX_PACKET_SIZE)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .build()));
        pipeline.addLast("webSocketBytes", new WebSocketBytes(uri));
    }

    private URI uri(String host, int port) {
        try {
            String bracketed = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return new URI((tls == null ? "ws://" : "wss://") + bracketed + ":" + port + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make a WebSocket URI of " + host + ":" + port + path, e);
        }
    }

    @Override
    public boolean isReady(Object userEvent) {
        return userEvent == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE;
    }

    @Override
    public boolean hasHandshake() {
        return true;
    }

    @Override
    public String toString() {
        return (tls == null ? "ws " : "wss ") + path;
    }
}
