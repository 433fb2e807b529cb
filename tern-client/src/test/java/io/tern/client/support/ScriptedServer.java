package io.tern.client.support;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.tern.client.ConnectResult;
import io.tern.client.MqttClient;
import io.tern.codec.MqttCodec;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server whose every answer the test scripts, speaking MQTT through Tern's codec: it records the
 * packets the client sends, in order, and sends what the test tells it to on the latest connection.
 * For client behaviour a real broker cannot show: the DUP flag of a resend, the packet identifiers,
 * the number of publishes in flight, a silent server.
 */
public final class ScriptedServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<MqttPacket> received = new LinkedBlockingQueue<>();
    private final Channel server;
    private volatile Channel connection;
    private volatile int connections;

    /** A server on a free loopback port. */
    public ScriptedServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connection = ch;
                        connections++;
                        ch.pipeline().addLast(new MqttCodec(MqttPacketDecoder.Role.SERVER,
                                MqttPacketDecoder.MAX_PACKET_SIZE));
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<MqttPacket>(false) {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, MqttPacket packet) {
                                if (packet instanceof Publish publish) {
                                    received.add(publish.copy());
                                    ReferenceCountUtil.release(publish);
                                } else {
                                    received.add(packet);
                                }
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** How many connections it accepted. */
    public int connections() {
        return connections;
    }

    /**
     * The next packet the client sent, of the given type.
     *
     * @throws AssertionError if none comes within 20 seconds or another type comes first
     */
    public <T extends MqttPacket> T next(Class<T> type) throws InterruptedException {
        MqttPacket packet = received.poll(20, TimeUnit.SECONDS);
        if (packet == null) {
            throw new AssertionError("the client sent no " + type.getSimpleName() + " within 20 s");
        }
        if (!type.isInstance(packet)) {
            throw new AssertionError("expected " + type.getSimpleName() + " from the client, got " + packet);
        }
        return type.cast(packet);
    }

    /** The next packet the client sends within {@code wait}, or {@code null}. */
    public MqttPacket poll(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a packet on the latest connection. */
    public void send(MqttPacket packet) {
        connection.writeAndFlush(packet).syncUninterruptibly();
    }

    /** Answers a CONNECT with success. */
    public void accept(boolean sessionPresent, MqttProperties properties) {
        send(new Connack(sessionPresent, ReasonCode.SUCCESS, properties));
    }

    /**
     * Connects {@code client}, answering its CONNECT with a successful CONNACK without session.
     *
     * @param properties the CONNACK properties: the server's limits
     */
    public ConnectResult connect(MqttClient client, MqttProperties properties) throws Exception {
        CompletableFuture<ConnectResult> connect = client.connect();
        next(Connect.class);
        accept(false, properties);
        return connect.get(20, TimeUnit.SECONDS);
    }

    /** Closes the latest connection. */
    public void dropConnection() {
        connection.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        if (connection != null) {
            connection.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
