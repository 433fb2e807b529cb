package io.tern.cli.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.tern.broker.transport.Transport;
import io.tern.codec.MqttCodec;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT connections of one run: one event loop group (epoll where available, as the broker picks
 * it), one bootstrap, and the pipeline every bench client shares: codec, {@link ConnectHandler}, then
 * the client's own handler. A TLS or WebSocket transport would add its handlers in {@link #pipeline}.
 */
final class Connections implements AutoCloseable {
    /** Keep alive asked for in CONNECT, in seconds: long enough for idle connections to cost no traffic. */
    private static final int KEEP_ALIVE = 60;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How long a persistent MQTT 5 client's session outlives it: long enough for a run, not forever. */
    private static final long PERSISTENT_SESSION_SECONDS = 300;

    private final Target target;
    private final String runId;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<Channel> channels = new ArrayList<>();
    /** The CONNECT properties: for persistent MQTT 5 clients, a session that outlives the connection. */
    private final MqttProperties sessionProperties;

    Connections(Target target, int threads) {
        this.target = target;
        this.sessionProperties = target.persistent() && target.version().isV5()
                ? MqttProperties.builder().set(PropertyId.SESSION_EXPIRY_INTERVAL, PERSISTENT_SESSION_SECONDS).build()
                : MqttProperties.EMPTY;
        this.runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36)
                + Integer.toString(ProcessHandle.current().hashCode() & 0xFFF, 36);
        Transport transport = Transport.best();
        this.group = transport.newEventLoopGroup(threads);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(transport == Transport.EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    /** A client id unique to this run: {@code tern-bench-ROLE-INDEX-RUN}. */
    String clientId(String role, int index) {
        return "tern-bench-" + role + "-" + index + "-" + runId;
    }

    /**
     * Opens {@code count} connections at most {@code perSecond} a second (0 for no limit), each with
     * its own handler from {@code handlers}; completes when each has its CONNACK or has failed.
     */
    List<Future<Channel>> open(int count, String role, double perSecond, Handlers handlers) {
        List<Future<Channel>> opened = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                Clock.sleepUntil(start + (long) (i * 1e9 / perSecond));
            }
            opened.add(open(clientId(role, i), handlers.handler(i)));
        }
        return opened;
    }

    /** Makes the handler of connection {@code index}. */
    @FunctionalInterface
    interface Handlers {
        ChannelHandler handler(int index);
    }

    private Future<Channel> open(String clientId, ChannelHandler handler) {
        Promise<Channel> connected = ImmediateEventExecutor.INSTANCE.newPromise();
        Connect connect = new Connect(target.version(), clientId, !target.persistent(), KEEP_ALIVE, null, null,
                null, sessionProperties);
        Bootstrap connecting = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                pipeline(channel, new ConnectHandler(connect, target, connected), handler);
            }
        });
        connecting.connect(target.host(), target.port()).addListener(done -> {
            if (!done.isSuccess()) {
                connected.tryFailure(new BenchException(unreachable(done.cause())));
            }
        });
        connected.addListener(done -> {
            if (done.isSuccess()) {
                synchronized (channels) {
                    channels.add(connected.getNow());
                }
            }
        });
        return connected;
    }

    private static void pipeline(Channel channel, ConnectHandler connectHandler, ChannelHandler handler) {
        channel.pipeline().addLast(
                new MqttCodec(MqttPacketDecoder.Role.CLIENT, MqttPacketDecoder.MAX_PACKET_SIZE),
                connectHandler,
                handler);
    }

    /** "cannot reach 127.0.0.1:1883: connection refused — is a broker running?" */
    private String unreachable(Throwable cause) {
        String reason = String.valueOf(cause.getMessage())
                .replaceFirst("^\\w+\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ", "") // epoll's prefix
                .replaceFirst(": [^ ]*/[^ ]*$", "") // Netty appends ": /127.0.0.1:1883"
                .toLowerCase(Locale.ROOT);
        String hint = cause instanceof ConnectException && reason.contains("refused") ? " — is a broker running?" : "";
        return "cannot reach " + target.address() + ": " + reason + hint;
    }

    /**
     * Waits for every connection of {@code opened} and returns them; the first failure is thrown as a
     * {@link BenchException}.
     */
    static List<Channel> awaitAll(List<Future<Channel>> opened) {
        List<Channel> channels = new ArrayList<>(opened.size());
        for (Future<Channel> future : opened) {
            if (!future.awaitUninterruptibly(CONNECT_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS)) {
                throw new BenchException("no CONNACK within " + CONNECT_TIMEOUT_MILLIS * 2 / 1000 + " s");
            }
            if (!future.isSuccess()) {
                throw future.cause() instanceof BenchException e ? e : new BenchException(future.cause().toString());
            }
            channels.add(future.getNow());
        }
        return channels;
    }

    /** Sends DISCONNECT on every open connection and closes it, waiting at most a few seconds. */
    void disconnectAll() {
        List<Channel> open;
        synchronized (channels) {
            open = new ArrayList<>(channels);
            channels.clear();
        }
        for (Channel channel : open) {
            if (channel.isActive()) {
                channel.writeAndFlush(Disconnect.NORMAL).addListener(written -> channel.close());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Channel channel : open) {
            channel.closeFuture().awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        disconnectAll();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
