package io.tern.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.tern.broker.BrokerContext;
import io.tern.broker.limits.ConnectionAdmission;
import io.tern.broker.limits.TopicLimits;
import io.tern.broker.sys.BrokerMetrics;
import io.tern.codec.MqttCodec;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.ReasonCode;
import io.tern.codec.TrafficCounter;

/**
 * The pipeline of a client connection on one listener: TLS and WebSocket as the listener says, then the
 * codec, then the protocol.
 */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {
    /**
     * The WebSocket subprotocols accepted, in the order the server prefers them: "mqtt" is MQTT 3.1.1
     * and 5.0 [MQTT-6.0.0-4]; "mqttv3.1" is what MQTT 3.1 clients (MQTT.js, Paho) ask for.
     */
    static final String WEBSOCKET_SUBPROTOCOLS = "mqtt,mqttv3.1,mqttv3.1.1";
    /** The largest HTTP upgrade request read; a WebSocket handshake has no body. */
    private static final int MAX_HANDSHAKE_BYTES = 8192;
    /**
     * The largest packet accepted before CONNECT, when the broker's maximum packet size is larger: a
     * client not yet known could otherwise make the broker buffer up to 256 MiB for a CONNECT that
     * never ends. A CONNECT's strings and binary data are at most 64 KiB each.
     */
    static final int MAX_CONNECT_SIZE = 1024 * 1024;

    private final BrokerContext broker;
    private final ChannelGroup clients;
    /** Counts every connection's bytes into the broker's metrics, for {@code $SYS}. */
    private final TrafficCounter traffic;
    private final ConnectionAdmission admission;
    private final TopicLimits topicLimits;
    /** Beyond its high mark, a client is a slow consumer; below its low mark (half), no longer. */
    private final WriteBufferWaterMark pendingBytes;
    private final SslContext tls;
    private final boolean identityAsUsername;
    private final WebSocketServerProtocolConfig webSocket;

    /**
     * An initializer for the connections of one listener of a broker.
     *
     * @param broker   what connections share
     * @param clients  the group every client channel joins, so that the broker can close them all
     * @param admission the broker's limits on connections, shared by all its listeners
     * @param listener the listener whose connections these are
     * @throws IllegalArgumentException when the listener's TLS files cannot be used
     */
    public MqttChannelInitializer(BrokerContext broker, ChannelGroup clients, ConnectionAdmission admission,
                                  Listener listener) {
        this.broker = broker;
        this.clients = clients;
        this.admission = admission;
        this.topicLimits = new TopicLimits(broker.config());
        int maxPending = broker.config().maxPendingBytes();
        this.pendingBytes = new WriteBufferWaterMark(maxPending / 2, maxPending);
        BrokerMetrics metrics = broker.metrics();
        this.traffic = new TrafficCounter() {
            @Override
            public void received(int bytes) {
                metrics.bytesReceived(bytes);
            }

            @Override
            public void sent(int bytes) {
                metrics.bytesSent(bytes);
            }
        };
        this.tls = listener.tls() == null ? null : ServerTls.context(listener.tls());
        this.identityAsUsername = listener.tls() != null && listener.tls().identityAsUsername();
        this.webSocket = listener.isWebSocket() ? webSocketConfig(listener.webSocketPath(), broker) : null;
    }

    private static WebSocketServerProtocolConfig webSocketConfig(String path, BrokerContext broker) {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols(WEBSOCKET_SUBPROTOCOLS)
                .handshakeTimeoutMillis(broker.config().connectTimeout().toMillis())
                // WebSocketFrames does the closing handshake: waits for the client's answer before closing
                .handleCloseFrames(false)
                .sendCloseFrame(null)
                // a frame may hold several packets: as large as a packet may be, no larger
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(broker.config().maxPacketSize())
                        .allowExtensions(false)
                        .build())
                .build();
    }

    /** Ends a client connection because the broker stops: an MQTT 5 client is told so with DISCONNECT 0x8B. */
    public static void closeForShutdown(Channel channel) {
        MqttConnection connection = channel.pipeline().get(MqttConnection.class);
        if (connection == null) {
            channel.close();
        } else {
            channel.eventLoop().execute(connection::closeForShutdown);
        }
    }

    @Override
    protected void initChannel(Channel channel) {
        clients.add(channel);
        channel.config().setWriteBufferWaterMark(pendingBytes);
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
            pipeline.addLast("tls-log", new TlsHandshakeLog());
            if (identityAsUsername) {
                channel.attr(CertificateIdentity.AS_USERNAME).set(Boolean.TRUE);
            }
        }
        if (webSocket != null) {
            pipeline.addLast("http", new HttpServerCodec())
                    .addLast("handshake", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES))
                    .addLast("websocket", new WebSocketServerProtocolHandler(webSocket))
                    .addLast("frames", new WebSocketFrames());
        }
        pipeline.addLast("codec", new MqttCodec(MqttPacketDecoder.Role.SERVER,
                Math.min(broker.config().maxPacketSize(), MAX_CONNECT_SIZE), traffic));
        ReasonCode refusal = admission.admit(channel);
        if (refusal != null) {
            pipeline.addLast("refused", new RefusedAtConnect(refusal, admission.describe(refusal)));
        }
        pipeline.addLast("mqtt", new MqttConnection(broker, topicLimits));
    }
}
