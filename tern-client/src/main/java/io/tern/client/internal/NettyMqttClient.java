package io.tern.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
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
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.PublishResponse;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The client over a Netty channel. All session state lives on one event loop and is touched only there,
 * so nothing on the publish path takes a lock: {@link #publish} counts the message against the queue
 * bound, puts it in a lock-free queue and wakes the loop once for a whole batch, which writes it and
 * flushes once.
 */
public final class NettyMqttClient implements MqttClient {
    private enum State { DISCONNECTED, CONNECTING, CONNECTED, RECONNECTING, DISCONNECTING, CLOSED }

    private final ClientConfig config;
    private final EventLoopGroup ownGroup;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ExecutorService ownCallbackThreads;
    private final Dispatcher dispatcher;
    private final InFlightStore store;
    private final PacketIdAllocator packetIds = new PacketIdAllocator();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong keys;
    private final OutboundFlow outbound;
    private final Queue<OutboundPublish> intake = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private final IntObjectMap<AckHandler> ackHandlers = new IntObjectHashMap<>();
    private final RequestResponse requests;

    private volatile State state = State.DISCONNECTED;
    private volatile String clientId;
    private volatile MqttVersion version;
    private Channel channel;
    private MqttClientException closeCause;
    private CompletableFuture<ConnectResult> connecting;
    private ScheduledFuture<?> connectTimeout;
    private int reconnectAttempt;
    private boolean connectedOnce;
    private CompletableFuture<Void> disconnecting;

    /** What to do with the SUBACK or UNSUBACK of a packet identifier. */
    private interface AckHandler {
        void acknowledged(MqttPacket ack);

        void failed(MqttClientException cause);
    }

    /** A client with these settings, not connected. */
    public NettyMqttClient(ClientConfig config) {
        this.config = config;
        this.clientId = config.clientId();
        this.version = config.version();
        this.ownGroup = config.eventLoopGroup() == null ? NettyTransports.newEventLoopGroup() : null;
        EventLoopGroup group = ownGroup != null ? ownGroup : config.eventLoopGroup();
        this.loop = group.next();
        this.ownCallbackThreads = config.callbackExecutor() == null
                ? Executors.newCachedThreadPool(new DefaultThreadFactory("tern-client-callbacks", true)) : null;
        this.dispatcher = new Dispatcher(ownCallbackThreads != null ? ownCallbackThreads : config.callbackExecutor());
        this.store = config.persistence().open(config.clientId());
        this.outbound = new OutboundFlow(store, packetIds, queued, config.topicAliasMaximum());
        this.requests = new RequestResponse(this, () -> version);
        this.bootstrap = new Bootstrap().group(loop).channel(NettyTransports.channelClass(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        config.transport().configure(ch.pipeline(), config.host(), config.port());
                        int maximumPacketSize = config.maximumPacketSize() > 0
                                ? config.maximumPacketSize() : MqttPacketDecoder.MAX_PACKET_SIZE;
                        ch.pipeline().addLast("mqtt", new MqttCodec(MqttPacketDecoder.Role.CLIENT, maximumPacketSize));
                        ch.pipeline().addLast("client", new ClientChannelHandler(NettyMqttClient.this, config.transport()));
                    }
                });
        long lastKey = -1;
        List<StoredPublish> recovered = store.load();
        for (StoredPublish stored : recovered) {
            lastKey = Math.max(lastKey, stored.key());
        }
        this.keys = new AtomicLong(lastKey + 1);
        if (!recovered.isEmpty()) {
            loop.execute(() -> recovered.forEach(this::recover));
        }
    }

    // ---- the API ----

    @Override
    public CompletableFuture<ConnectResult> connect() {
        CompletableFuture<ConnectResult> future = new CompletableFuture<>();
        if (state == State.CLOSED) {
            return CompletableFuture.failedFuture(new NotConnectedException("the client is closed"));
        }
        loop.execute(() -> {
            if (state != State.DISCONNECTED) {
                future.completeExceptionally(new MqttClientException("the client is already " + state.name()
                        .toLowerCase(java.util.Locale.ROOT) + "; disconnect first", null));
                return;
            }
            state = State.CONNECTING;
            reconnectAttempt = 0;
            open(future);
        });
        return future;
    }

    @Override
    public CompletableFuture<PublishResult> publish(Message message) {
        State now = state;
        if (now == State.CLOSED || now == State.DISCONNECTED || now == State.DISCONNECTING) {
            return CompletableFuture.failedFuture(new NotConnectedException(
                    now == State.CLOSED ? "the client is closed" : "not connected: call connect() first"));
        }
        boolean offline = now == State.RECONNECTING;
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
        CompletableFuture<SubscribeResult> future = new CompletableFuture<>();
        loop.execute(() -> {
            if (notConnected(future)) {
                return;
            }
            list.forEach(subscription -> dispatcher.add(subscription, handler));
            sendSubscribe(list, future);
        });
        return future;
    }

    @Override
    public CompletableFuture<UnsubscribeResult> unsubscribe(String... filters) {
        List<String> list = List.of(filters);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("unsubscribe needs at least one topic filter");
        }
        CompletableFuture<UnsubscribeResult> future = new CompletableFuture<>();
        loop.execute(() -> {
            if (notConnected(future)) {
                return;
            }
            int packetId = packetIds.allocate();
            if (packetId == 0) {
                future.completeExceptionally(new MqttClientException("all 65535 packet identifiers are in use", null));
                return;
            }
            ackHandlers.put(packetId, new AckHandler() {
                @Override
                public void acknowledged(MqttPacket ack) {
                    Unsuback unsuback = (Unsuback) ack;
                    list.forEach(dispatcher::remove);
                    Optional<String> reason = reasonString(unsuback.properties());
                    if (!unsuback.reasonCodes().isEmpty() && unsuback.reasonCodes().stream().allMatch(ReasonCode::isError)) {
                        future.completeExceptionally(new MqttReasonCodeException(PacketType.UNSUBACK,
                                unsuback.reasonCodes().get(0), reason.orElse(null)));
                    } else {
                        future.complete(new UnsubscribeResult(list, unsuback.reasonCodes(), reason,
                                unsuback.properties().userProperties()));
                    }
                }

                @Override
                public void failed(MqttClientException cause) {
                    future.completeExceptionally(cause);
                }
            });
            channel.writeAndFlush(new Unsubscribe(packetId, list, MqttProperties.EMPTY), channel.voidPromise());
        });
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
        return state == State.CONNECTED;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    /** The protocol version of the client. */
    MqttVersion version() {
        return version;
    }

    @Override
    public BlockingMqttClient blocking(Duration timeout) {
        return new BlockingClient(this, timeout);
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        try {
            disconnect().get(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // closing anyway: what is still waiting fails below
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        loop.execute(() -> {
            state = State.CLOSED;
            if (channel != null) {
                channel.close();
            }
            outbound.failAll(new NotConnectedException("the client was closed before the publish completed"));
            closed.complete(null);
        });
        closed.orTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> null).join();
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
        if (ch == channel && state != State.CLOSED) {
            ch.writeAndFlush(ConnectPackets.connect(config), ch.voidPromise());
        }
    }

    void packetReceived(Channel ch, MqttPacket packet) {
        if (ch != channel) {
            ReferenceCountUtil.release(packet);
            return;
        }
        if (packet instanceof Publish publish) {
            received(publish);
        } else if (packet instanceof PubRel pubRel) {
            inboundQos2.remove(pubRel.packetId());
            ch.write(new PubComp(pubRel.packetId()), ch.voidPromise());
        } else if (packet instanceof PublishResponse response) {
            outbound.acknowledged(response);
        } else if (packet instanceof Suback suback) {
            acknowledged(suback.packetId(), suback);
        } else if (packet instanceof Unsuback unsuback) {
            acknowledged(unsuback.packetId(), unsuback);
        } else if (packet instanceof Connack connack) {
            connacked(ch, connack);
        } else if (packet instanceof Auth auth) {
            authenticate(ch, auth);
        } else if (packet instanceof Disconnect disconnect) {
            closeCause = new ConnectionLostException(disconnect.reasonCode(),
                    disconnect.properties().stringValue(PropertyId.REASON_STRING));
            ch.close();
        } else {
            closeCause = new ConnectionLostException("protocol error: the server sent " + packet.type(), null);
            ch.close();
        }
    }

    void readComplete() {
        outbound.flush();
        if (channel != null) {
            channel.flush();
        }
    }

    void channelFailed(Channel ch, Throwable cause) {
        if (ch == channel && closeCause == null) {
            closeCause = cause instanceof MqttClientException known ? known
                    : new ConnectionLostException("connection to " + config.server() + " failed: " + cause.getMessage(),
                    cause);
        }
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
        failAcks(cause);
        switch (state) {
            case CONNECTING -> connectFailed(cause);
            case CONNECTED -> {
                dispatcher.callback(() -> config.listeners().forEach(listener -> listener.connectionLost(cause)));
                if (config.reconnect().isEnabled()) {
                    state = State.RECONNECTING;
                    scheduleReconnect(1);
                } else {
                    state = State.DISCONNECTED;
                    outbound.failAll(cause);
                }
            }
            case DISCONNECTING -> {
                state = State.DISCONNECTED;
                outbound.failAll(new NotConnectedException("disconnected before the publish completed"));
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
            if (!done.isSuccess() && connect.channel() == channel) {
                if (closeCause == null) {
                    closeCause = new ServerUnreachableException(config.server(), done.cause());
                }
                channelClosed(connect.channel());
            }
        });
    }

    private void connacked(Channel ch, Connack connack) {
        connectTimeout.cancel(false);
        CompletableFuture<ConnectResult> future = connecting;
        connecting = null;
        if (connack.reasonCode().isError()) {
            closeCause = new ConnectionRefusedException(connack.reasonCode(),
                    connack.properties().stringValue(PropertyId.REASON_STRING), config.version());
            connecting = future;
            ch.close();
            return;
        }
        String assigned = connack.properties().stringValue(PropertyId.ASSIGNED_CLIENT_IDENTIFIER);
        if (assigned != null) {
            clientId = assigned;
        }
        ConnectResult result = new ConnectResult(connack.sessionPresent(), connack.reasonCode(), clientId,
                connack.properties());
        EnhancedAuth auth = config.enhancedAuth();
        if (auth != null) {
            try {
                byte[] data = connack.properties().binaryValue(PropertyId.AUTHENTICATION_DATA);
                auth.succeeded(data == null ? new byte[0] : data);
            } catch (RuntimeException e) {
                closeCause = new MqttClientException("enhanced authentication refused the server: " + e.getMessage(), e);
                connecting = future;
                ch.close();
                return;
            }
        }
        int keepAlive = result.serverKeepAlive().map(d -> (int) d.getSeconds()).orElse(config.keepAliveSeconds());
        if (keepAlive > 0) {
            ch.pipeline().addBefore("client", "keepAlive", new KeepAliveHandler(keepAlive));
        }
        state = State.CONNECTED;
        boolean reconnected = connectedOnce;
        connectedOnce = true;
        reconnectAttempt = 0;
        if (!result.sessionPresent()) {
            inboundQos2.clear();
            if (reconnected) {
                resubscribe();
            }
        }
        outbound.connected(ch, config.version(), result);
        outbound.flush();
        if (future != null) {
            future.complete(result);
        }
        dispatcher.callback(() -> config.listeners().forEach(listener -> listener.connected(result)));
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
            state = State.RECONNECTING;
            scheduleReconnect(reconnectAttempt + 1);
            return;
        }
        state = State.DISCONNECTED;
        outbound.failAll(cause);
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    private void scheduleReconnect(int attempt) {
        Duration delay = config.reconnect().delay(attempt);
        dispatcher.callback(() -> config.listeners().forEach(listener -> listener.reconnecting(attempt, delay)));
        loop.schedule(() -> {
            if (state == State.RECONNECTING) {
                state = State.CONNECTING;
                reconnectAttempt = attempt;
                open(null);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void resubscribe() {
        List<Subscription> subscriptions = dispatcher.subscriptions();
        java.util.Map<java.util.OptionalInt, List<Subscription>> byIdentifier = new java.util.HashMap<>();
        for (Subscription subscription : subscriptions) {
            byIdentifier.computeIfAbsent(subscription.identifier(), id -> new ArrayList<>()).add(subscription);
        }
        for (List<Subscription> group : byIdentifier.values()) {
            sendSubscribe(group, new CompletableFuture<>());
        }
    }

    // ---- publishing and receiving ----

    private void drainIntake() {
        drainScheduled.set(false);
        OutboundPublish publish;
        while ((publish = intake.poll()) != null) {
            if (state == State.CLOSED || state == State.DISCONNECTED) {
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
        publish.future.whenComplete((result, failure) -> {
            if (result != null) {
                dispatcher.callback(() -> config.listeners().forEach(l -> l.recoveredPublishCompleted(result)));
            }
        });
        outbound.recover(publish);
    }

    private void received(Publish publish) {
        Message message;
        try {
            message = Messages.fromPublish(publish);
        } finally {
            publish.release();
        }
        switch (publish.qos()) {
            case AT_MOST_ONCE -> dispatcher.dispatch(message);
            case AT_LEAST_ONCE -> {
                dispatcher.dispatch(message);
                channel.write(new PubAck(publish.packetId()), channel.voidPromise());
            }
            case EXACTLY_ONCE -> {
                if (inboundQos2.add(publish.packetId())) {
                    dispatcher.dispatch(message);
                }
                channel.write(new PubRec(publish.packetId()), channel.voidPromise());
            }
        }
    }

    private void sendSubscribe(List<Subscription> subscriptions, CompletableFuture<SubscribeResult> future) {
        int packetId = packetIds.allocate();
        if (packetId == 0) {
            future.completeExceptionally(new MqttClientException("all 65535 packet identifiers are in use", null));
            return;
        }
        MqttProperties properties = MqttProperties.EMPTY;
        if (version.isV5() && subscriptions.get(0).identifier().isPresent()) {
            properties = MqttProperties.builder()
                    .subscriptionIdentifier(subscriptions.get(0).identifier().getAsInt()).build();
        }
        List<io.tern.codec.packet.Subscription> packets = subscriptions.stream()
                .map(s -> new io.tern.codec.packet.Subscription(s.filter(), s.qos(), s.noLocal(), s.retainAsPublished(),
                        s.retainHandling()))
                .toList();
        ackHandlers.put(packetId, new AckHandler() {
            @Override
            public void acknowledged(MqttPacket ack) {
                Suback suback = (Suback) ack;
                List<ReasonCode> codes = suback.reasonCodes();
                for (int i = 0; i < Math.min(codes.size(), subscriptions.size()); i++) {
                    if (codes.get(i).isError()) {
                        dispatcher.remove(subscriptions.get(i).filter());
                    }
                }
                Optional<String> reason = reasonString(suback.properties());
                if (!codes.isEmpty() && codes.stream().allMatch(ReasonCode::isError)) {
                    future.completeExceptionally(new MqttReasonCodeException(PacketType.SUBACK, codes.get(0),
                            reason.orElse(null)));
                } else {
                    future.complete(new SubscribeResult(subscriptions, codes, reason,
                            suback.properties().userProperties()));
                }
            }

            @Override
            public void failed(MqttClientException cause) {
                future.completeExceptionally(cause);
            }
        });
        channel.writeAndFlush(new Subscribe(packetId, packets, properties), channel.voidPromise());
    }

    private void acknowledged(int packetId, MqttPacket ack) {
        AckHandler handler = ackHandlers.remove(packetId);
        if (handler != null) {
            packetIds.free(packetId);
            handler.acknowledged(ack);
        }
    }

    private void failAcks(MqttClientException cause) {
        for (IntObjectMap.PrimitiveEntry<AckHandler> entry : ackHandlers.entries()) {
            packetIds.free(entry.key());
            entry.value().failed(cause);
        }
        ackHandlers.clear();
    }

    // ---- disconnecting ----

    private void disconnectOnLoop(DisconnectOptions options, CompletableFuture<Void> future) {
        switch (state) {
            case CONNECTED -> {
                state = State.DISCONNECTING;
                disconnecting = future;
                channel.writeAndFlush(disconnectPacket(options)).addListener(done -> {
                    if (channel != null) {
                        channel.close();
                    }
                });
            }
            case CONNECTING, RECONNECTING -> {
                state = State.DISCONNECTING;
                disconnecting = future;
                if (channel != null) {
                    closeCause = new NotConnectedException("disconnected while connecting");
                    channel.close();
                } else {
                    state = State.DISCONNECTED;
                    outbound.failAll(new NotConnectedException("disconnected before the publish completed"));
                    disconnecting = null;
                    future.complete(null);
                }
            }
            case DISCONNECTING -> disconnecting.whenComplete((done, failure) -> future.complete(null));
            default -> future.complete(null);
        }
    }

    private Disconnect disconnectPacket(DisconnectOptions options) {
        if (!version.isV5()) {
            return Disconnect.NORMAL;
        }
        MqttProperties.Builder properties = MqttProperties.builder();
        options.sessionExpiry().ifPresent(expiry -> properties.set(PropertyId.SESSION_EXPIRY_INTERVAL, expiry.getSeconds()));
        options.reasonString().ifPresent(reason -> properties.set(PropertyId.REASON_STRING, reason));
        return new Disconnect(options.reasonCode(), properties.build());
    }

    private boolean notConnected(CompletableFuture<?> future) {
        if (state != State.CONNECTED) {
            future.completeExceptionally(new NotConnectedException(state == State.CLOSED ? "the client is closed"
                    : "not connected: call connect() first" + (state == State.RECONNECTING ? " (reconnecting)" : "")));
            return true;
        }
        return false;
    }

    private static Optional<String> reasonString(MqttProperties properties) {
        return Optional.ofNullable(properties.stringValue(PropertyId.REASON_STRING));
    }
}
