package io.tern.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;
import io.tern.client.BlockingMqttClient;
import io.tern.client.ConnectResult;
import io.tern.client.ConnectionLostException;
import io.tern.client.ConnectionRefusedException;
import io.tern.client.DisconnectOptions;
import io.tern.client.EnhancedAuth;
import io.tern.client.Message;
import io.tern.client.MessageHandler;
import io.tern.client.MqttClient;
import io.tern.client.MqttClientException;
import io.tern.client.MqttReasonCodeException;
import io.tern.client.MqttTimeoutException;
import io.tern.client.NotConnectedException;
import io.tern.client.PublishQueueFullException;
import io.tern.client.PublishResult;
import io.tern.client.ServerUnreachableException;
import io.tern.client.SubscribeResult;
import io.tern.client.Subscription;
import io.tern.client.UnsubscribeResult;
import io.tern.client.persistence.InFlightStore;
import io.tern.client.persistence.StoredPublish;
import io.tern.codec.MqttCodec;
import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.PublishResponse;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Unsuback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client over a Netty channel: the connection's life (connect, enhanced authentication, keep alive,
 * loss, reconnect with back-off, disconnect) around the session's flows. All session state lives on one
 * event loop and is touched only there, so nothing on the publish path takes a lock: {@link #publish}
 * counts the message against the queue bound, puts it in a lock-free queue and wakes the loop once for
 * a whole batch, which writes it and flushes once.
 */
public final class NettyMqttClient implements MqttClient {
    private enum State { DISCONNECTED, CONNECTING, CONNECTED, RECONNECTING, DISCONNECTING, CLOSED }

    private final ClientConfig config;
    private final boolean v5;
    private final InFlightStore store;
    private final EventLoopGroup ownGroup;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ExecutorService ownCallbackThreads;
    private final Dispatcher dispatcher;
    private final PacketIdAllocator packetIds = new PacketIdAllocator();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong keys;
    private final OutboundFlow outbound;
    private final InboundFlow inbound;
    private final SubscriptionFlow subscriptions;
    private final RequestResponse requests;
    private final Queue<OutboundPublish> intake = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Changed on the loop, except DISCONNECTED to CONNECTING by {@link #connect()}, so publish may follow it at once. */
    private final AtomicReference<State> state = new AtomicReference<>(State.DISCONNECTED);

    private volatile String clientId;
    private Channel channel;
    private MqttClientException closeCause;
    private CompletableFuture<ConnectResult> connecting;
    private ScheduledFuture<?> connectTimeout;
    private int reconnectAttempt;
    private boolean connectedOnce;
    private CompletableFuture<Void> disconnecting;
    /** Subscribes and unsubscribes made while connecting, to send once connected. */
    private final List<Waiting> waitingForConnection = new ArrayList<>();

    /** An operation made while connecting: what to send, and the future to fail if the connection does not come. */
    private record Waiting(Runnable send, CompletableFuture<?> future) {
    }

    /**
     * A client with these settings, not connected; publishes an earlier run left in the persistence are
     * taken up to be sent on connect.
     *
     * @throws java.io.UncheckedIOException if the persistence cannot be read
     */
    public NettyMqttClient(ClientConfig config) {
        this.config = config;
        this.v5 = config.version().isV5();
        this.clientId = config.clientId();
        this.store = config.persistence().open(config.clientId());
        List<StoredPublish> recovered = store.load();
        this.keys = new AtomicLong(recovered.stream().mapToLong(StoredPublish::key).max().orElse(-1) + 1);
        this.ownGroup = config.eventLoopGroup() == null ? NettyTransports.newEventLoopGroup() : null;
        EventLoopGroup group = ownGroup != null ? ownGroup : config.eventLoopGroup();
        this.loop = group.next();
        this.ownCallbackThreads = config.callbackExecutor() == null
                ? Executors.newCachedThreadPool(new DefaultThreadFactory("tern-client-callbacks", true)) : null;
        this.dispatcher = new Dispatcher(ownCallbackThreads != null ? ownCallbackThreads : config.callbackExecutor());
        this.outbound = new OutboundFlow(store, packetIds, queued, config.topicAliasMaximum(), System::nanoTime);
        this.inbound = new InboundFlow(dispatcher, config.receiveMaximum());
        this.subscriptions = new SubscriptionFlow(packetIds, dispatcher);
        this.requests = new RequestResponse(this, config.version());
        this.bootstrap = new Bootstrap().group(loop).channel(NettyTransports.channelClass(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        config.transport().configure(ch.pipeline(), config.host(), config.port(), config.version());
                        int maximumPacketSize = config.maximumPacketSize() > 0
                                ? config.maximumPacketSize() : MqttPacketDecoder.MAX_PACKET_SIZE;
                        ch.pipeline().addLast("mqtt", new MqttCodec(MqttPacketDecoder.Role.CLIENT, maximumPacketSize));
                        if (!config.packetListeners().isEmpty()) {
                            ch.pipeline().addLast("packetTap", new PacketTap(config.packetListeners()));
                        }
                        ch.pipeline().addLast("client", new ClientChannelHandler(NettyMqttClient.this, config.transport()));
                    }
                });
        if (!recovered.isEmpty()) {
            loop.execute(() -> recovered.forEach(this::recover));
        }
    }

    // ---- the API ----

    @Override
    public CompletableFuture<ConnectResult> connect() {
        if (!state.compareAndSet(State.DISCONNECTED, State.CONNECTING)) {
            State now = state.get();
            return CompletableFuture.failedFuture(now == State.CLOSED ? new NotConnectedException("the client is closed")
                    : new MqttClientException("the client is already " + now.name().toLowerCase(Locale.ROOT)
                    + "; disconnect first", null));
        }
        CompletableFuture<ConnectResult> future = new CompletableFuture<>();
        loop.execute(() -> {
            reconnectAttempt = 0;
            open(future);
        });
        return future;
    }

    @Override
    public CompletableFuture<PublishResult> publish(Message message) {
        State now = state.get();
        if (now == State.CLOSED || now == State.DISCONNECTED || now == State.DISCONNECTING) {
            return CompletableFuture.failedFuture(new NotConnectedException(
                    now == State.CLOSED ? "the client is closed" : "not connected: call connect() first"));
        }
        boolean offline = now != State.CONNECTED;
        int capacity = offline ? config.offlineBufferSize() : config.pendingPublishLimit();
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(new PublishQueueFullException(
                    offline ? "the offline buffer" : "the queue of pending publishes", capacity));
        }
        long key = -1;
        if (message.qos() != QoS.AT_MOST_ONCE) {
            key = keys.getAndIncrement();
            try {
                store.add(key, message);
            } catch (RuntimeException e) {
                queued.decrementAndGet();
                return CompletableFuture.failedFuture(new MqttClientException(
                        "cannot persist the message to " + message.topic() + ": " + e.getMessage(), e));
            }
        }
        OutboundPublish publish = new OutboundPublish(message, new CompletableFuture<>(), key, false);
        intake.offer(publish);
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drainIntake);
        }
        return publish.future;
    }

    @Override
    public CompletableFuture<SubscribeResult> subscribe(MessageHandler handler, Subscription... subscriptions) {
        List<Subscription> list = List.of(subscriptions);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("subscribe needs at least one subscription");
        }
        if (list.stream().map(Subscription::identifier).distinct().count() > 1) {
            throw new IllegalArgumentException("subscriptions made together share one identifier, not "
                    + list.stream().map(Subscription::identifier).distinct().toList());
        }
        if (list.stream().map(Subscription::userProperties).distinct().count() > 1) {
            throw new IllegalArgumentException("subscriptions made together share one SUBSCRIBE packet and its "
                    + "user properties, not " + list.stream().map(Subscription::userProperties).distinct().toList());
        }
        CompletableFuture<SubscribeResult> future = new CompletableFuture<>();
        whenConnected(future, () -> {
            list.forEach(subscription -> dispatcher.add(subscription, handler));
            this.subscriptions.subscribe(channel, v5, list, future);
        });
        return future;
    }

    @Override
    public CompletableFuture<UnsubscribeResult> unsubscribe(List<UserProperty> userProperties, String... filters) {
        List<UserProperty> properties = List.copyOf(userProperties);
        List<String> list = List.of(filters);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("unsubscribe needs at least one topic filter");
        }
        list.forEach(TopicChecks::requireFilter);
        CompletableFuture<UnsubscribeResult> future = new CompletableFuture<>();
        whenConnected(future, () -> subscriptions.unsubscribe(channel, v5, list, properties, future));
        return future;
    }

    @Override
    public void onMessage(MessageHandler handler) {
        dispatcher.global(handler);
    }

    @Override
    public CompletableFuture<Message> request(Message request, Duration timeout) {
        return requests.request(request, timeout);
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectOptions options) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        loop.execute(() -> disconnectOnLoop(options, future));
        return future;
    }

    @Override
    public boolean isConnected() {
        return state.get() == State.CONNECTED;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public BlockingMqttClient blocking(Duration timeout) {
        return new BlockingClient(this, timeout);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if called on the client's network thread (from a future's callback),
     *                               where it would wait for itself
     */
    @Override
    public void close() {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("close() waits for the network thread: call it from another thread, "
                    + "or chain with a ...Async method");
        }
        if (state.get() == State.CLOSED) {
            return;
        }
        long timeout = config.connectTimeout().toMillis();
        awaitQuietly(disconnect(), timeout);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        loop.execute(() -> {
            state.set(State.CLOSED);
            if (channel != null) {
                channel.close();
            }
            outbound.failAll(new NotConnectedException("the client was closed before the publish completed"));
            failWaitingForConnection(new NotConnectedException("the client was closed before it connected"));
            closed.complete(null);
        });
        awaitQuietly(closed, timeout);
        store.close();
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (ownCallbackThreads != null) {
            ownCallbackThreads.shutdown();
        }
    }

    // ---- called by ClientChannelHandler, on the loop ----

    void transportReady(Channel ch) {
        if (ch == channel && state.get() == State.CONNECTING) {
            ch.writeAndFlush(ConnectPackets.connect(config), ch.voidPromise());
        }
    }

    void packetReceived(Channel ch, MqttPacket packet) {
        if (ch != channel) {
            ReferenceCountUtil.release(packet);
            return;
        }
        if (packet instanceof Publish publish) {
            if (!inbound.received(ch, publish)) {
                protocolViolation(ch, ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "the server sent more unacknowledged "
                        + "QoS 2 messages than the receive maximum of " + config.receiveMaximum());
            }
        } else if (packet instanceof PubRel pubRel) {
            inbound.released(ch, pubRel);
        } else if (packet instanceof PublishResponse response) {
            outbound.acknowledged(response);
        } else if (packet instanceof Suback suback) {
            subscriptions.acknowledged(suback.packetId(), suback);
        } else if (packet instanceof Unsuback unsuback) {
            subscriptions.acknowledged(unsuback.packetId(), unsuback);
        } else if (packet instanceof Connack connack) {
            connacked(ch, connack);
        } else if (packet instanceof Auth auth) {
            authenticate(ch, auth);
        } else if (packet instanceof Disconnect disconnect) {
            closeCause = new ConnectionLostException(disconnect.reasonCode(),
                    disconnect.properties().stringValue(PropertyId.REASON_STRING));
            ch.close();
        } else {
            protocolViolation(ch, ReasonCode.PROTOCOL_ERROR, "the server sent " + packet.type());
        }
    }

    /** The server broke the protocol: tell it why (MQTT 5) and close. */
    private void protocolViolation(Channel ch, ReasonCode reasonCode, String why) {
        if (v5) {
            ch.writeAndFlush(new Disconnect(reasonCode), ch.voidPromise());
        }
        closeCause = new ConnectionLostException("protocol error: " + why, null);
        ch.close();
    }

    void readComplete() {
        outbound.flush();
        if (channel != null) {
            channel.flush();
        }
    }

    /** The channel failed; the handler closes it next. A malformed packet is answered (MQTT 5) with its reason code. */
    void channelFailed(Channel ch, Throwable cause) {
        if (ch != channel || closeCause != null) {
            return;
        }
        if (cause instanceof MqttCodecException malformed && v5 && state.get() == State.CONNECTED) {
            ch.writeAndFlush(new Disconnect(malformed.reasonCode()), ch.voidPromise());
        }
        closeCause = cause instanceof MqttClientException known ? known
                : new ConnectionLostException("connection to " + config.server() + " failed: " + cause.getMessage(),
                cause);
    }

    void channelClosed(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        outbound.disconnected();
        MqttClientException cause = closeCause != null ? closeCause
                : new ConnectionLostException("the server " + config.server() + " closed the connection", null);
        closeCause = null;
        subscriptions.failAll(cause);
        switch (state.get()) {
            case CONNECTING -> connectFailed(cause);
            case CONNECTED -> connectionLost(cause);
            case DISCONNECTING -> {
                state.set(State.DISCONNECTED);
                outbound.failAll(new NotConnectedException("disconnected before the publish completed"));
                failWaitingForConnection(new NotConnectedException("disconnected before connecting"));
                disconnecting.complete(null);
                disconnecting = null;
            }
            default -> outbound.failAll(new NotConnectedException("the client was closed before the publish completed"));
        }
    }

    // ---- connecting ----

    private void open(CompletableFuture<ConnectResult> future) {
        connecting = future;
        connectTimeout = loop.schedule(() -> {
            if (connecting == future && channel != null) {
                closeCause = new MqttTimeoutException("CONNACK from " + config.server(), config.connectTimeout());
                channel.close();
            }
        }, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ChannelFuture connect = bootstrap.connect(config.host(), config.port());
        channel = connect.channel();
        connect.addListener(done -> {
            // a channel that never became active closes without channelInactive
            if (!done.isSuccess() && connect.channel() == channel) {
                if (closeCause == null) {
                    closeCause = new ServerUnreachableException(config.server(), done.cause());
                }
                channelClosed(connect.channel());
            }
        });
    }

    private void connacked(Channel ch, Connack connack) {
        if (connack.reasonCode().isError()) {
            closeCause = new ConnectionRefusedException(connack.reasonCode(),
                    connack.properties().stringValue(PropertyId.REASON_STRING), config.version());
            ch.close();
            return;
        }
        String assigned = connack.properties().stringValue(PropertyId.ASSIGNED_CLIENT_IDENTIFIER);
        if (assigned != null) {
            clientId = assigned;
        }
        ConnectResult result = new ConnectResult(connack.sessionPresent(), connack.reasonCode(), clientId,
                connack.properties());
        if (!enhancedAuthSucceeded(ch, connack)) {
            return;
        }
        connectTimeout.cancel(false);
        CompletableFuture<ConnectResult> future = connecting;
        connecting = null;
        int keepAlive = result.serverKeepAlive().map(d -> (int) d.getSeconds()).orElse(config.keepAliveSeconds());
        if (keepAlive > 0) {
            ch.pipeline().addBefore("client", "keepAlive", new KeepAliveHandler(keepAlive));
        }
        state.set(State.CONNECTED);
        boolean reconnected = connectedOnce;
        connectedOnce = true;
        reconnectAttempt = 0;
        if (!result.sessionPresent()) {
            inbound.newSession();
            if (reconnected) {
                subscriptions.resubscribe(ch, v5);
            }
        }
        waitingForConnection.forEach(waiting -> waiting.send().run());
        waitingForConnection.clear();
        outbound.connected(ch, config.version(), result);
        outbound.flush();
        if (future != null) {
            future.complete(result);
        }
        dispatcher.callback(() -> config.listeners().forEach(listener -> listener.connected(result)));
    }

    private boolean enhancedAuthSucceeded(Channel ch, Connack connack) {
        EnhancedAuth auth = config.enhancedAuth();
        if (auth == null) {
            return true;
        }
        try {
            byte[] data = connack.properties().binaryValue(PropertyId.AUTHENTICATION_DATA);
            auth.succeeded(data == null ? new byte[0] : data);
            return true;
        } catch (RuntimeException e) {
            closeCause = new MqttClientException("enhanced authentication refused the server: " + e.getMessage(), e);
            ch.close();
            return false;
        }
    }

    private void authenticate(Channel ch, Auth auth) {
        EnhancedAuth method = config.enhancedAuth();
        if (method == null || auth.reasonCode() != ReasonCode.CONTINUE_AUTHENTICATION) {
            closeCause = new MqttReasonCodeException(PacketType.AUTH, auth.reasonCode(),
                    auth.properties().stringValue(PropertyId.REASON_STRING));
            ch.close();
            return;
        }
        byte[] challenge = auth.properties().binaryValue(PropertyId.AUTHENTICATION_DATA);
        byte[] response;
        try {
            response = method.respond(challenge == null ? new byte[0] : challenge);
        } catch (RuntimeException e) {
            closeCause = new MqttClientException("enhanced authentication gave up: " + e.getMessage(), e);
            ch.close();
            return;
        }
        MqttProperties.Builder properties = MqttProperties.builder()
                .set(PropertyId.AUTHENTICATION_METHOD, method.method());
        if (response != null) {
            properties.set(PropertyId.AUTHENTICATION_DATA, response);
        }
        ch.writeAndFlush(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, properties.build()), ch.voidPromise());
    }

    private void connectFailed(MqttClientException cause) {
        connectTimeout.cancel(false);
        CompletableFuture<ConnectResult> future = connecting;
        connecting = null;
        if (reconnectAttempt > 0) {
            state.set(State.RECONNECTING);
            scheduleReconnect(reconnectAttempt + 1);
            return;
        }
        state.set(State.DISCONNECTED);
        outbound.failAll(cause);
        failWaitingForConnection(cause);
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    private void connectionLost(MqttClientException cause) {
        boolean reconnect = config.reconnect().isEnabled();
        state.set(reconnect ? State.RECONNECTING : State.DISCONNECTED);
        dispatcher.callback(() -> config.listeners().forEach(listener -> listener.connectionLost(cause)));
        if (reconnect) {
            scheduleReconnect(1);
        } else {
            outbound.failAll(cause);
        }
    }

    private void scheduleReconnect(int attempt) {
        Duration delay = config.reconnect().delay(attempt);
        dispatcher.callback(() -> config.listeners().forEach(listener -> listener.reconnecting(attempt, delay)));
        loop.schedule(() -> {
            if (state.compareAndSet(State.RECONNECTING, State.CONNECTING)) {
                reconnectAttempt = attempt;
                open(null);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ---- publishing ----

    private void drainIntake() {
        drainScheduled.set(false);
        OutboundPublish publish;
        while ((publish = intake.poll()) != null) {
            State now = state.get();
            if (now == State.CLOSED || now == State.DISCONNECTED) {
                queued.decrementAndGet();
                publish.future.completeExceptionally(new NotConnectedException("not connected: call connect() first"));
            } else {
                outbound.accept(publish);
            }
        }
        outbound.flush();
    }

    private void recover(StoredPublish stored) {
        OutboundPublish publish = new OutboundPublish(stored.message(), new CompletableFuture<>(), stored.key(), true);
        publish.packetId = stored.packetId();
        publish.released = stored.released();
        publish.future.thenAccept(result ->
                dispatcher.callback(() -> config.listeners().forEach(l -> l.recoveredPublishCompleted(result))));
        outbound.recover(publish);
    }

    // ---- disconnecting ----

    private void disconnectOnLoop(DisconnectOptions options, CompletableFuture<Void> future) {
        switch (state.get()) {
            case CONNECTED -> {
                state.set(State.DISCONNECTING);
                disconnecting = future;
                Channel ch = channel;
                ch.writeAndFlush(disconnectPacket(options)).addListener(done -> ch.close());
            }
            case CONNECTING, RECONNECTING -> {
                state.set(State.DISCONNECTING);
                disconnecting = future;
                if (channel != null) {
                    closeCause = new NotConnectedException("disconnected while connecting");
                    channel.close();
                } else {
                    state.set(State.DISCONNECTED);
                    outbound.failAll(new NotConnectedException("disconnected before the publish completed"));
                    failWaitingForConnection(new NotConnectedException("disconnected before connecting"));
                    disconnecting = null;
                    future.complete(null);
                }
            }
            case DISCONNECTING -> disconnecting.whenComplete((done, failure) -> future.complete(null));
            default -> future.complete(null);
        }
    }

    private Disconnect disconnectPacket(DisconnectOptions options) {
        if (!v5) {
            return Disconnect.NORMAL;
        }
        MqttProperties.Builder properties = MqttProperties.builder();
        options.sessionExpiry().ifPresent(expiry -> properties.set(PropertyId.SESSION_EXPIRY_INTERVAL, expiry.getSeconds()));
        options.reasonString().ifPresent(reason -> properties.set(PropertyId.REASON_STRING, reason));
        options.userProperties().forEach(properties::userProperty);
        return new Disconnect(options.reasonCode(), properties.build());
    }

    /** Runs {@code send} on the loop now if connected, after CONNACK if connecting, or fails the future. */
    private void whenConnected(CompletableFuture<?> future, Runnable send) {
        loop.execute(() -> {
            switch (state.get()) {
                case CONNECTED -> send.run();
                case CONNECTING, RECONNECTING -> waitingForConnection.add(new Waiting(send, future));
                case CLOSED -> future.completeExceptionally(new NotConnectedException("the client is closed"));
                default -> future.completeExceptionally(new NotConnectedException("not connected: call connect() first"));
            }
        });
    }

    private void failWaitingForConnection(MqttClientException cause) {
        waitingForConnection.forEach(waiting -> waiting.future().completeExceptionally(cause));
        waitingForConnection.clear();
    }

    private static void awaitQuietly(CompletableFuture<?> future, long millis) {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing goes on: what still waits fails with NotConnectedException
        }
    }
}
