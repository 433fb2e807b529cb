package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.tern.client.support.Resources;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's WebSocket framing, seen from a scripted WebSocket server that shows the subprotocol
 * offered and the frames received, and sends packets split across frames and joined in one.
 */
class WebSocketFramingTest {
    @RegisterExtension
    final Resources resources = new Resources();

    @Test
    @DisplayName("[MQTT-6.0.0-3] offers subprotocol mqtt; [MQTT-6.0.0-1] sends binary frames only; [MQTT-6.0.0-2] "
            + "reads a packet split over frames and packets joined in a frame; a text frame closes the connection")
    void framing() throws Exception {
        ScriptedWebSocketServer server = resources.use(new ScriptedWebSocketServer());
        CompletableFuture<MqttClientException> lost = new CompletableFuture<>();
        MqttClient client = resources.use(MqttClient.builder().serverUri("ws://127.0.0.1:" + server.port())
                .version(MqttVersion.V3_1_1).clientId("framing").keepAlive(java.time.Duration.ZERO)
                .listener(new ConnectionListener() {
                    @Override
                    public void connectionLost(MqttClientException cause) {
                        lost.complete(cause);
                    }
                }).build());

        CompletableFuture<ConnectResult> connected = client.connect();
        WebSocketFrame connect = server.frames.poll(20, TimeUnit.SECONDS);
        assertThat(server.offeredSubprotocols.get(20, TimeUnit.SECONDS)).contains("mqtt");
        assertThat(connect).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(connect.content().getByte(0)).as("CONNECT").isEqualTo((byte) 0x10);
        connect.release();
        server.send(0x20);                 // CONNACK, its first byte in one frame...
        server.send(0x02, 0x00, 0x00);     // ...the rest in another
        connected.get(20, TimeUnit.SECONDS);

        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        CompletableFuture<SubscribeResult> subscribed = client.subscribe("a", QoS.AT_MOST_ONCE, inbox::add);
        WebSocketFrame subscribe = server.frames.poll(20, TimeUnit.SECONDS);
        assertThat(subscribe).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(subscribe.content().getByte(0)).as("SUBSCRIBE").isEqualTo((byte) 0x82);
        int packetIdHigh = subscribe.content().getByte(2);
        int packetIdLow = subscribe.content().getByte(3);
        subscribe.release();
        // SUBACK and a PUBLISH to "a" of "hi", in one frame
        server.send(0x90, 0x03, packetIdHigh, packetIdLow, 0x00, 0x30, 0x05, 0x00, 0x01, 'a', 'h', 'i');
        subscribed.get(20, TimeUnit.SECONDS);
        Message message = inbox.poll(20, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(message.payload()).asString(StandardCharsets.UTF_8).isEqualTo("hi");

        server.connection.writeAndFlush(new TextWebSocketFrame("not MQTT"));
        assertThat(lost.get(20, TimeUnit.SECONDS)).hasMessage("protocol error: the server at ws://127.0.0.1:"
                + server.port() + "/mqtt sent a TextWebSocketFrame; MQTT travels in binary frames only");
        assertThat(server.connection.closeFuture().await(20, TimeUnit.SECONDS)).isTrue();
    }

    /** A WebSocket server at /mqtt with the subprotocol mqtt, for one connection, that the test drives. */
    private static final class ScriptedWebSocketServer implements AutoCloseable {
        final BlockingQueue<WebSocketFrame> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<String> offeredSubprotocols = new CompletableFuture<>();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final Channel server;
        volatile Channel connection;

        ScriptedWebSocketServer() throws InterruptedException {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connection = ch;
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                                    new WebSocketServerProtocolHandler("/mqtt", "mqtt"),
                                    new SimpleChannelInboundHandler<WebSocketFrame>(false) {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                            frames.add(frame);
                                        }

                                        @Override
                                        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                            if (event instanceof HandshakeComplete handshake) {
                                                offeredSubprotocols.complete(
                                                        handshake.requestHeaders().get("Sec-WebSocket-Protocol"));
                                            }
                                        }
                                    });
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
        }

        int port() {
            return ((InetSocketAddress) server.localAddress()).getPort();
        }

        void send(int... bytes) {
            byte[] frame = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                frame[i] = (byte) bytes[i];
            }
            connection.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
        }

        @Override
        public void close() {
            frames.forEach(WebSocketFrame::release);
            server.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
