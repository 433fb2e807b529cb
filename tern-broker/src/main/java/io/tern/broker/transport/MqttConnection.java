package io.tern.broker.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tern.broker.BrokerConfig;
import io.tern.broker.BrokerContext;
import io.tern.broker.auth.AuthenticationMethod;
import io.tern.broker.auth.AuthenticationStep;
import io.tern.broker.auth.ClientInfo;
import io.tern.broker.limits.TokenBucket;
import io.tern.broker.limits.TopicLimits;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.Subscriber;
import io.tern.broker.session.ClientConnection;
import io.tern.broker.session.Session;
import io.tern.broker.storage.DurabilityGate;
import io.tern.codec.MqttChannelVersion;
import io.tern.codec.MqttCodec;
import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.packet.Will;
import io.tern.codec.topic.SharedSubscription;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the MQTT protocol between the decoder and the session. It answers CONNECT,
 * runs the client's side of the QoS flows, hands published messages to the router and wills to it
 * when the connection is lost, and ends the connection on any violation the way the specification
 * prescribes.
 *
 * <p>Everything here runs on the connection's event loop.
 */
final class MqttConnection extends ChannelInboundHandlerAdapter implements ClientConnection {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    private static final String STORAGE_FAILED = "the broker cannot store messages (see its log)";

    private enum State { AWAITING_CONNECT, AUTHENTICATING, CONNECTING, CONNECTED, CLOSED }

    private final BrokerContext broker;
    private final TopicLimits topicLimits;
    private final LimitLog limitLog = new LimitLog();
    /** The client's publish rate, or {@code null} if the broker puts no limit. */
    private TokenBucket publishRate;
    /** Whether reads pause because an MQTT 3 client publishes faster than the broker's maximum rate. */
    private boolean throttled;
    private Channel channel;
    private State state = State.AWAITING_CONNECT;
    private MqttVersion version;
    private ClientInfo client;
    private Session session;
    private Will will;
    private String closeReason;
    private int receiveMaximum = 0xFFFF;
    private long maximumPacketSize = MqttPacketDecoder.MAX_PACKET_SIZE;
    private boolean problemInformation = true;
    private long sessionExpiryAtConnect;
    private EnhancedAuthentication authentication;
    /** What the steps of enhanced authentication at CONNECT lead to. */
    private Consumer<AuthenticationStep> connectSteps;
    private byte[] authenticationSuccessData;
    private InboundTopicAliases topicAliasesIn;
    private OutboundTopicAliases topicAliasesOut;
    private ScheduledFuture<?> connectTimeout;
    /** Where {@link KeepAliveMonitor} keeps this connection, -1 when it does not watch it. */
    int keepAliveIndex = -1;
    /** When the last bytes came from the client, in {@link System#nanoTime()} time. */
    long lastReceivedNanos;
    /** How long the client may stay silent: 1.5 times its keep alive. */
    long keepAliveTimeoutNanos;
    private List<MqttPacket> earlyPackets;
    private boolean inputShutdown;
    private boolean flushPending;

    MqttConnection(BrokerContext broker, TopicLimits topicLimits) {
        this.broker = broker;
        this.topicLimits = topicLimits;
    }

    // ---- ClientConnection ----

    @Override
    public void send(MqttPacket packet) {
        if (packet instanceof Publish publish) {
            broker.metrics().messageSent();
            if (topicAliasesOut != null) {
                packet = topicAliasesOut.apply(publish);
            }
        }
        channel.write(packet, channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            FlushBatcher.flushLater(this, channel.eventLoop());
        }
    }

    void flushNow() {
        flushPending = false;
        channel.flush();
    }

    @Override
    public MqttVersion version() {
        return version;
    }

    @Override
    public boolean fits(Message message, QoS qos, boolean retain) {
        if (maximumPacketSize >= MqttPacketDecoder.MAX_PACKET_SIZE) {
            return true;
        }
        Publish probe = new Publish(message.topic(), qos, retain, false, qos == QoS.AT_MOST_ONCE ? 0 : 1,
                message.properties(), message.payload());
        return MqttPacketEncoder.encodedSize(probe, version) <= maximumPacketSize;
    }

    /**
     * Whether the socket takes more now: false while more than the maximum pending bytes wait for it
     * (a slow consumer). Writes of the current batch not yet flushed are flushed first, so that a batch
     * larger than the mark does not look like a slow consumer. A channel closing (not writable either)
     * is no slow consumer: what is written to it fails as it would have, until the session detaches.
     */
    @Override
    public boolean writable() {
        if (channel.isWritable() || !channel.isActive()) {
            return true;
        }
        if (flushPending) {
            flushNow();
        }
        return channel.isWritable();
    }

    @Override
    public int receiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public ClientInfo client() {
        return client;
    }

    @Override
    public void closeForTakeover() {
        closeReason = "session taken over by another connection";
        if (version.isV5()) {
            send(new Disconnect(ReasonCode.SESSION_TAKEN_OVER));
        }
        channel.flush();
        channel.close();
    }

    /** Ends the connection because the broker stops. */
    void closeForShutdown() {
        if (state == State.CONNECTED) {
            disconnect(ReasonCode.SERVER_SHUTTING_DOWN, "broker shutting down");
        } else {
            channel.close();
        }
    }

    // ---- channel events ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        // The client's end of stream must not close the channel before what it sent is handled: a
        // client that sends CONNECT, PUBLISH, DISCONNECT and closes at once while its CONNECT is being
        // authenticated would lose its PUBLISH. The end of stream comes as an event instead (below).
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long timeout = broker.config().connectTimeout().toMillis();
        connectTimeout = ctx.executor().schedule(() -> {
            if (state == State.AWAITING_CONNECT || state == State.AUTHENTICATING || state == State.CONNECTING) {
                LOG.info("Client {} sent no CONNECT within {} ms, disconnecting", channel.remoteAddress(), timeout);
                channel.close();
            }
        }, timeout, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttPacket packet = (MqttPacket) msg;
        switch (state) {
            case AWAITING_CONNECT -> onConnect((Connect) packet);
            case AUTHENTICATING -> whileAuthenticating(packet);
            case CONNECTING -> {
                if (earlyPackets == null) {
                    earlyPackets = new ArrayList<>();
                }
                earlyPackets.add(packet);
            }
            case CONNECTED -> handle(packet);
            case CLOSED -> ReferenceCountUtil.release(packet);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastReceivedNanos = System.nanoTime();
        ctx.fireChannelReadComplete();
    }

    /**
     * The client became a slow consumer (reads pause, so that what it sends cannot pile up answers
     * it does not read), or caught up: its queue drains.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (state == State.CONNECTED) {
            updateAutoRead();
            if (channel.isWritable()) {
                // later, not now: the flush that made the channel writable may be one the session's own
                // delivery or drain asked for, in the middle of taking a message from its queue
                channel.eventLoop().execute(this::drainIfWritable);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void drainIfWritable() {
        if (state == State.CONNECTED && channel.isWritable()) {
            session.drain();
        }
    }

    private void updateAutoRead() {
        channel.config().setAutoRead(channel.isWritable() && !throttled);
    }

    /** Nothing came from the client for 1.5 times its keep alive: the network is taken to have failed. */
    void keepAliveExpired() {
        if (state == State.CONNECTED) {
            disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT, "keep alive expired");
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            // the client closed its end; every packet before that has been read (the decoder decodes them first)
            inputShutdown = true;
            if (state != State.CONNECTING) {
                channel.flush();
                channel.close();
            } // else attached() handles the packets that came during CONNECT first, then closes
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.CLOSED || !channel.isActive()) {
            return;
        }
        if (cause instanceof MqttCodecException violation) {
            onViolation(violation);
        } else if (cause instanceof IOException) {
            closeReason = "socket error: " + cause.getMessage();
            channel.close();
        } else {
            LOG.warn("Unexpected error on client {}, disconnecting", describe(), cause);
            closeReason = "internal error";
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State previous = state;
        state = State.CLOSED;
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
            connectTimeout = null;
        }
        KeepAliveMonitor.current().unwatch(this);
        if (earlyPackets != null) {
            earlyPackets.forEach(ReferenceCountUtil::release);
            earlyPackets = null;
        }
        if (previous == State.CONNECTED) {
            broker.metrics().clientDisconnected();
            if (will != null) {
                Will lastWill = will;
                will = null;
                long delay = lastWill.properties().longValue(PropertyId.WILL_DELAY_INTERVAL, 0);
                if (delay == 0) {
                    broker.publishWill(client, willMessage(lastWill));
                } else {
                    session.willAfter(this, delay, client, willMessage(lastWill));
                }
            }
            session.detach(this);
            LOG.info("Client {} ({}, {}) disconnected: {}", client.clientId(), channel.remoteAddress(), version,
                    closeReason == null ? "connection closed by the client" : closeReason);
        }
        ctx.fireChannelInactive();
    }

    // ---- CONNECT ----

    private void onConnect(Connect connect) {
        channel.pipeline().get(MqttCodec.class).maximumPacketSize(broker.config().maxPacketSize());
        version = connect.version();
        MqttProperties asked = connect.properties();
        receiveMaximum = asked.intValue(PropertyId.RECEIVE_MAXIMUM, 0xFFFF);
        maximumPacketSize = asked.longValue(PropertyId.MAXIMUM_PACKET_SIZE, MqttPacketDecoder.MAX_PACKET_SIZE);
        problemInformation = asked.intValue(PropertyId.REQUEST_PROBLEM_INFORMATION, 1) == 1;
        BrokerConfig config = broker.config();
        String willTopicBeyond = connect.will() == null ? null : topicLimits.check(connect.will().topic());
        if (willTopicBeyond != null) {
            refuse(ReasonCode.TOPIC_NAME_INVALID, "will " + willTopicBeyond);
            return;
        }
        if (connect.will() != null && connect.will().retain() && !config.retainAvailable()) {
            // [MQTT-3.2.2-13]
            refuse(ReasonCode.RETAIN_NOT_SUPPORTED, "retained will, but the broker keeps no retained messages");
            return;
        }
        if (version.isV5() && connect.will() != null && connect.will().qos().value() > config.maxQos().value()) {
            refuse(ReasonCode.QOS_NOT_SUPPORTED, "will QoS " + connect.will().qos().value()
                    + " is more than the broker's maximum, " + config.maxQos().value()); // [MQTT-3.2.2-12]
            return;
        }
        if (!version.isV5() && connect.keepAlive() > config.maxKeepAlive()) {
            // an MQTT 3 client cannot be told another keep alive: refused, as mosquitto does
            refuse(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "keep alive " + connect.keepAlive()
                    + " s is more than the broker's maximum, " + config.maxKeepAlive() + " s");
            return;
        }
        String clientId = connect.clientId();
        boolean assigned = false;
        if (clientId.isEmpty()) {
            if (!config.allowZeroLengthClientId() || (!version.isV5() && !connect.cleanStart())
                    || version == MqttVersion.V3_1) {
                refuse(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "empty client identifier");
                return;
            }
            clientId = "tern-" + UUID.randomUUID();
            assigned = true;
        } else if (version == MqttVersion.V3_1 && clientId.length() > 23) {
            refuse(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "MQTT 3.1 client identifier longer than 23 characters");
            return;
        }
        String username = CertificateIdentity.username(channel, connect.username());
        client = new ClientInfo(clientId, username, channel.remoteAddress(),
                username != null && CertificateIdentity.namesClients(channel));
        channel.config().setAutoRead(false);
        boolean clientIdAssigned = assigned;
        String methodName = connect.properties().stringValue(PropertyId.AUTHENTICATION_METHOD);
        if (methodName != null) {
            AuthenticationMethod method = broker.authenticationMethods().get(methodName);
            if (method == null) {
                refuse(ReasonCode.BAD_AUTHENTICATION_METHOD, "authentication method " + methodName + " unknown");
                return;
            }
            state = State.AUTHENTICATING;
            authentication = new EnhancedAuthentication(method, client, channel.eventLoop());
            connectSteps = step -> authenticationStep(connect, clientIdAssigned, step);
            authentication.begin(connect.properties().binaryValue(PropertyId.AUTHENTICATION_DATA), connectSteps);
            return;
        }
        state = State.CONNECTING;
        broker.authenticator().authenticate(client, connect.password()).whenComplete((code, error) ->
                channel.eventLoop().execute(() -> authenticated(connect, clientIdAssigned, code, error)));
    }

    /** A step of enhanced authentication at CONNECT: challenge the client, or connect it, or refuse it. */
    private void authenticationStep(Connect connect, boolean clientIdAssigned, AuthenticationStep step) {
        if (state != State.AUTHENTICATING) {
            return;
        }
        switch (step.outcome()) {
            case CONTINUE -> {
                send(authentication.auth(ReasonCode.CONTINUE_AUTHENTICATION, step.data()));
                channel.config().setAutoRead(true); // for the client's AUTH
            }
            case SUCCESS -> {
                authenticationSuccessData = step.data();
                state = State.CONNECTING;
                authenticated(connect, clientIdAssigned, ReasonCode.SUCCESS, null);
            }
            case FAILURE -> refuse(step.failure(), "enhanced authentication failed");
        }
    }

    /**
     * What the client sends while it authenticates at CONNECT: AUTH answering a challenge, or
     * DISCONNECT; anything else before CONNACK is a protocol error [MQTT-3.1.2-30].
     */
    private void whileAuthenticating(MqttPacket packet) {
        ReferenceCountUtil.release(packet);
        if (packet instanceof Disconnect) {
            state = State.CLOSED;
            channel.close();
            return;
        }
        if (packet instanceof Auth auth && auth.reasonCode() == ReasonCode.CONTINUE_AUTHENTICATION
                && authentication.methodName().equals(auth.properties().stringValue(PropertyId.AUTHENTICATION_METHOD))) {
            channel.config().setAutoRead(false);
            if (authentication.answer(auth.properties().binaryValue(PropertyId.AUTHENTICATION_DATA), connectSteps)) {
                return;
            }
        }
        refuse(ReasonCode.PROTOCOL_ERROR, "sent " + packet.type() + " while authenticating");
    }

    private void authenticated(Connect connect, boolean clientIdAssigned, ReasonCode code, Throwable error) {
        if (state != State.CONNECTING) {
            return;
        }
        if (error != null) {
            LOG.warn("Authentication of client {} failed", client.clientId(), error);
            refuse(ReasonCode.SERVER_UNAVAILABLE, "authentication failed");
            return;
        }
        if (code != ReasonCode.SUCCESS) {
            refuse(code, "not authenticated");
            return;
        }
        will = connect.will();
        long expiry = version.isV5()
                ? connect.properties().longValue(PropertyId.SESSION_EXPIRY_INTERVAL, 0)
                : connect.cleanStart() ? 0 : broker.config().sessionExpirySeconds();
        sessionExpiryAtConnect = expiry;
        broker.sessions().open(this, channel.eventLoop(), client.clientId(), connect.cleanStart(), expiry,
                (opened, present) -> attached(connect, clientIdAssigned, opened, present));
    }

    private void attached(Connect connect, boolean clientIdAssigned, Session opened, boolean present) {
        session = opened;
        if (state != State.CONNECTING || !channel.isActive()) {
            session.detach(this);
            return;
        }
        ClientInfo receiver = client;
        session.receiveOnly(topic -> broker.authorizer().canReceive(receiver, topic));
        state = State.CONNECTED;
        broker.metrics().clientConnected();
        if (!broker.config().maxPublishRate().isUnlimited()) {
            publishRate = new TokenBucket(broker.config().maxPublishRate());
        }
        connectTimeout.cancel(false);
        connectTimeout = null;
        BrokerConfig config = broker.config();
        int keepAlive = connect.keepAlive();
        MqttProperties properties = MqttProperties.EMPTY;
        if (version.isV5()) {
            int serverKeepAlive = -1;
            if (config.maxKeepAlive() != BrokerConfig.NO_KEEP_ALIVE_LIMIT
                    && (keepAlive == 0 || keepAlive > config.maxKeepAlive())) {
                serverKeepAlive = config.maxKeepAlive();
                keepAlive = serverKeepAlive;
            }
            properties = ConnackProperties.of(config, connect, client.clientId(), clientIdAssigned, serverKeepAlive);
            if (authentication != null) {
                MqttProperties.Builder withMethod = properties.toBuilder();
                authentication.addTo(withMethod, authenticationSuccessData);
                properties = withMethod.build();
                authenticationSuccessData = null;
            }
            topicAliasesIn = new InboundTopicAliases(config.topicAliasMaximum());
            int clientAliases = connect.properties().intValue(PropertyId.TOPIC_ALIAS_MAXIMUM, 0);
            if (clientAliases > 0) {
                topicAliasesOut = new OutboundTopicAliases(clientAliases);
            }
        }
        // in MQTT 3.1 the CONNACK byte that carries session present is reserved
        send(new Connack(present && version != MqttVersion.V3_1, ReasonCode.SUCCESS, properties));
        if (keepAlive > 0) {
            keepAliveTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(keepAlive * 1500L);
            lastReceivedNanos = System.nanoTime();
            KeepAliveMonitor.current().watch(this, channel.eventLoop());
        }
        LOG.info("New client connected from {} as {} ({}, clean {}, keep alive {}{})",
                channel.remoteAddress(), client.clientId(), version, connect.cleanStart(), connect.keepAlive(),
                client.username() == null ? "" : ", user " + client.username());
        session.resume();
        List<MqttPacket> early = earlyPackets;
        earlyPackets = null;
        if (early != null) {
            for (MqttPacket packet : early) {
                if (state == State.CONNECTED) {
                    handle(packet);
                } else {
                    ReferenceCountUtil.release(packet);
                }
            }
        }
        if (inputShutdown) { // the client's end of stream came while it was connecting
            channel.flush();
            channel.close();
            return;
        }
        updateAutoRead();
    }

    private void refuse(ReasonCode code, String reason) {
        LOG.info("Refused client {} from {}: {} ({})", client == null ? "" : client.clientId(),
                channel.remoteAddress(), reason, code);
        state = State.CLOSED;
        // a reason string in CONNACK only if it fits the client's maximum packet size [MQTT-3.2.2-19]
        channel.writeAndFlush(version != null && version.isV5()
                ? withReason(properties -> new Connack(false, code, properties), reason, true)
                : new Connack(false, code, MqttProperties.EMPTY));
        channel.close();
    }

    /**
     * An MQTT 5 packet with a reason string, where the client takes problem information for it
     * ({@code always} for CONNACK and DISCONNECT) [MQTT-3.1.2-29] and where the string leaves the
     * packet within the client's maximum packet size [MQTT-3.4.2-2] [MQTT-3.5.2-2] [MQTT-3.6.2-2]
     * [MQTT-3.7.2-2] [MQTT-3.9.2-1] [MQTT-3.11.2-1] [MQTT-3.14.2-3]; the packet without it otherwise.
     */
    private MqttPacket withReason(Function<MqttProperties, MqttPacket> packet, String reason, boolean always) {
        if (always || problemInformation) {
            MqttPacket full = packet.apply(MqttProperties.builder().set(PropertyId.REASON_STRING, reason).build());
            if (MqttPacketEncoder.encodedSize(full, version) <= maximumPacketSize) {
                return full;
            }
        }
        return packet.apply(MqttProperties.EMPTY);
    }

    // ---- after CONNECT ----

    private void handle(MqttPacket packet) {
        if (!channel.isActive()) {
            // closed by this connection (DISCONNECT, a violation): what the client sent after is ignored
            ReferenceCountUtil.release(packet);
            return;
        }
        switch (packet.type()) {
            case PUBLISH -> onPublish((Publish) packet);
            case PUBACK -> session.acknowledged(((PubAck) packet).packetId());
            case PUBREC -> {
                PubRec pubRec = (PubRec) packet;
                int packetId = pubRec.packetId();
                if (pubRec.reasonCode().isError()) { // the flow ends: no PUBREL [MQTT-4.3.3-4]
                    session.refused(packetId);
                    return;
                }
                boolean known = session.received(packetId);
                sendWhenStored(known || !version.isV5() ? new PubRel(packetId)
                        : withReason(properties -> new PubRel(packetId, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND,
                                properties), "no QoS 2 message in flight with packet identifier " + packetId, false));
            }
            case PUBREL -> {
                int packetId = ((PubRel) packet).packetId();
                boolean known = session.released(packetId);
                sendWhenStored(known || !version.isV5() ? new PubComp(packetId)
                        : withReason(properties -> new PubComp(packetId, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND,
                                properties), "no QoS 2 message awaits release with packet identifier " + packetId,
                                false));
            }
            case PUBCOMP -> session.completed(((PubComp) packet).packetId());
            case SUBSCRIBE -> onSubscribe((Subscribe) packet);
            case UNSUBSCRIBE -> onUnsubscribe((Unsubscribe) packet);
            case PINGREQ -> send(PingResp.INSTANCE);
            case DISCONNECT -> onDisconnect((Disconnect) packet);
            case AUTH -> onAuth((Auth) packet);
            case CONNECT -> disconnect(ReasonCode.PROTOCOL_ERROR, "second CONNECT");
            default -> disconnect(ReasonCode.PROTOCOL_ERROR, "unexpected " + packet.type());
        }
    }

    private void onPublish(Publish publish) {
        broker.metrics().messageReceived();
        try {
            String topic = topicAliasesIn == null ? publish.topic() : topicAliasesIn.topicOf(publish);
            if (publishRate != null && !withinPublishRate()) {
                return;
            }
            String topicBeyond = topicLimits.check(topic);
            if (topicBeyond != null) {
                disconnect(ReasonCode.TOPIC_NAME_INVALID, topicBeyond);
                return;
            }
            if (publish.retained() && !broker.config().retainAvailable()) {
                disconnect(ReasonCode.RETAIN_NOT_SUPPORTED, "RETAIN set, but the broker keeps no retained messages");
                return; // [MQTT-3.2.2-14]
            }
            if (version.isV5() && publish.qos().value() > broker.config().maxQos().value()) {
                disconnect(ReasonCode.QOS_NOT_SUPPORTED, "QoS " + publish.qos().value() + " is more than the "
                        + "broker's maximum, " + broker.config().maxQos().value()); // [MQTT-3.2.2-11]
                return;
            }
            // a PUBLISH sent again for a message that already awaits PUBREL (DUP, after a resume) takes no new place
            if (publish.qos() == QoS.EXACTLY_ONCE && version.isV5() && !session.awaitsRelease(publish.packetId())
                    && session.releasesAwaited() >= broker.config().receiveMaximum()) {
                disconnect(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "more than " + broker.config().receiveMaximum()
                        + " QoS 2 messages awaiting PUBREL");
                return;
            }
            boolean authorized = broker.authorizer().canPublish(client, topic);
            if (!authorized) {
                LOG.info("Client {} is not authorized to publish to {}", client.clientId(), topic);
            }
            if (publish.qos() != QoS.AT_MOST_ONCE && broker.durability().failure() != null) {
                refuseUnstored(publish.qos(), publish.packetId());
                return;
            }
            switch (publish.qos()) {
                case AT_MOST_ONCE -> {
                    if (authorized) {
                        route(publish, topic);
                    }
                }
                case AT_LEAST_ONCE -> {
                    ReasonCode code = authorized ? route(publish, topic) : ReasonCode.NOT_AUTHORIZED;
                    int packetId = publish.packetId();
                    sendWhenStored(!version.isV5() || code == ReasonCode.SUCCESS ? new PubAck(packetId)
                            : code.isError() ? withReason(properties -> new PubAck(packetId, code, properties),
                                    "not authorized to publish to " + topic, false)
                            : new PubAck(packetId, code, MqttProperties.EMPTY));
                }
                case EXACTLY_ONCE -> {
                    ReasonCode code = ReasonCode.SUCCESS;
                    if (!authorized) {
                        code = ReasonCode.NOT_AUTHORIZED;
                    } else if (session.firstReceipt(publish.packetId())) {
                        code = route(publish, topic);
                    }
                    int packetId = publish.packetId();
                    ReasonCode answer = code;
                    sendWhenStored(!version.isV5() || code == ReasonCode.SUCCESS ? new PubRec(packetId)
                            : code.isError() ? withReason(properties -> new PubRec(packetId, answer, properties),
                                    "not authorized to publish to " + topic, false)
                            : new PubRec(packetId, code, MqttProperties.EMPTY));
                }
            }
        } finally {
            publish.release();
        }
    }

    /**
     * Counts a PUBLISH against the client's rate: an MQTT 5 client beyond it is disconnected with 0x96
     * (message rate too high); an MQTT 3 client, which has no such code, is slowed down instead by not
     * reading from it until it is within the rate again.
     *
     * @return whether the PUBLISH is to be handled
     */
    private boolean withinPublishRate() {
        long now = System.nanoTime();
        if (version.isV5()) {
            if (publishRate.tryTake(now)) {
                return true;
            }
            disconnect(ReasonCode.MESSAGE_RATE_TOO_HIGH, "publishing faster than " + broker.config().maxPublishRate());
            return false;
        }
        long waitNanos = publishRate.take(now);
        if (waitNanos > 0 && !throttled) {
            limitLog.refused(ReasonCode.MESSAGE_RATE_TOO_HIGH, client.clientId(), "publishing faster than "
                    + broker.config().maxPublishRate() + ", reading from it less often");
            throttled = true;
            updateAutoRead();
            channel.eventLoop().schedule(this::endThrottle, waitNanos, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** Reads again once the client is within its publish rate, counting what it sent after the pause began. */
    private void endThrottle() {
        long waitNanos = publishRate.delayNanos(System.nanoTime());
        if (waitNanos > 0) {
            channel.eventLoop().schedule(this::endThrottle, waitNanos, TimeUnit.NANOSECONDS);
            return;
        }
        throttled = false;
        if (state == State.CONNECTED) {
            updateAutoRead();
        }
    }

    /**
     * Sends an acknowledgement (PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK) once what it acknowledges
     * is durable: the storage syncs the writes of many connections at once (group commit). If they
     * could not be stored, the message is refused instead.
     */
    private void sendWhenStored(MqttPacket ack) {
        sendWhenStored(ack, null);
    }

    /** {@link #sendWhenStored(MqttPacket)}, then {@code andThen} if it was sent. */
    private void sendWhenStored(MqttPacket ack, Runnable andThen) {
        DurabilityGate durability = broker.durability();
        if (durability.immediate() && durability.failure() == null) {
            send(ack);
            if (andThen != null) {
                andThen.run();
            }
            return;
        }
        durability.whenDurable(channel.eventLoop(), stored -> {
            if (!channel.isActive()) {
                return;
            }
            if (stored) {
                send(ack);
                if (andThen != null) {
                    andThen.run();
                }
            } else if (ack instanceof PubAck pubAck) {
                refuseUnstored(QoS.AT_LEAST_ONCE, pubAck.packetId());
            } else if (ack instanceof PubRec pubRec) {
                session.released(pubRec.packetId()); // refused: no PUBREL will come for it
                refuseUnstored(QoS.EXACTLY_ONCE, pubRec.packetId());
            } else {
                disconnect(ReasonCode.UNSPECIFIED_ERROR, STORAGE_FAILED);
            }
        });
    }

    /**
     * Refuses a QoS 1 or 2 PUBLISH that the broker cannot store: with 0x97 quota exceeded for MQTT 5,
     * by closing the connection for MQTT 3, which has no way to refuse a message.
     */
    private void refuseUnstored(QoS qos, int packetId) {
        LOG.debug("Client {}: message refused, {}", client.clientId(), STORAGE_FAILED);
        if (!version.isV5()) {
            disconnect(ReasonCode.UNSPECIFIED_ERROR, STORAGE_FAILED);
            return;
        }
        send(withReason(properties -> qos == QoS.AT_LEAST_ONCE
                ? new PubAck(packetId, ReasonCode.QUOTA_EXCEEDED, properties)
                : new PubRec(packetId, ReasonCode.QUOTA_EXCEEDED, properties), STORAGE_FAILED, false));
    }

    /** Routes a publish (and keeps it if retained); the result is the reason code of its acknowledgement. */
    private ReasonCode route(Publish publish, String topic) {
        int delivered = broker.publish(Message.of(publish, topic, client.clientId()));
        return delivered > 0 ? ReasonCode.SUCCESS : ReasonCode.NO_MATCHING_SUBSCRIBERS;
    }

    private void onSubscribe(Subscribe subscribe) {
        int identifier = subscribe.properties().intValue(PropertyId.SUBSCRIPTION_IDENTIFIER, 0);
        List<ReasonCode> codes = new ArrayList<>(subscribe.subscriptions().size());
        List<Subscriber> retainedWanted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Subscription requested : subscribe.subscriptions()) {
            String filter = requested.topicFilter();
            boolean shared = SharedSubscription.isShared(filter);
            if (shared && !SharedSubscription.isValid(filter)) {
                // only from MQTT 3: the MQTT 5 decoder refuses the SUBSCRIBE [MQTT-4.8.2-1] [MQTT-4.8.2-2]
                codes.add(ReasonCode.UNSPECIFIED_ERROR);
                continue;
            }
            String filterBeyond = topicLimits.check(filter);
            if (filterBeyond != null) {
                codes.add(version.isV5() ? ReasonCode.TOPIC_FILTER_INVALID : ReasonCode.UNSPECIFIED_ERROR);
                limitLog.refused(ReasonCode.TOPIC_FILTER_INVALID, client.clientId(), "subscribing to a " + filterBeyond);
                continue;
            }
            int maxSubscriptions = broker.config().maxSubscriptions();
            if (maxSubscriptions > 0 && session.subscriptionCount() >= maxSubscriptions
                    && !session.isSubscribed(filter)) {
                codes.add(version.isV5() ? ReasonCode.QUOTA_EXCEEDED : ReasonCode.UNSPECIFIED_ERROR);
                limitLog.refused(ReasonCode.QUOTA_EXCEEDED, client.clientId(), "more than " + maxSubscriptions
                        + " subscriptions");
                continue;
            }
            if (!broker.authorizer().canSubscribe(client, filter)) {
                codes.add(version.isV5() ? ReasonCode.NOT_AUTHORIZED : ReasonCode.UNSPECIFIED_ERROR);
                refused.add(filter);
                continue;
            }
            QoS granted = QoS.min(requested.qos(), broker.config().maxQos());
            Subscriber subscriber = new Subscriber(session, new Subscription(filter, granted, requested.noLocal(),
                    requested.retainAsPublished(), requested.retainHandling()), identifier);
            boolean isNew = session.subscribe(subscriber);
            codes.add(ReasonCode.granted(granted));
            boolean sendRetained = switch (requested.retainHandling()) {
                case SEND_ON_SUBSCRIBE -> true;
                case SEND_IF_NEW_SUBSCRIPTION -> isNew;
                case DO_NOT_SEND -> false;
            };
            if (sendRetained && !shared) { // none on a shared subscription (MQTT 5.0 section 4.8.2)
                retainedWanted.add(subscriber);
            }
        }
        int packetId = subscribe.packetId();
        // the retained messages follow the SUBACK, which may wait for a sync
        sendWhenStored(refused.isEmpty() || !version.isV5() ? new Suback(packetId, codes, MqttProperties.EMPTY)
                : withReason(properties -> new Suback(packetId, codes, properties),
                        "not authorized to subscribe to " + String.join(", ", refused), false), () -> {
                    for (Subscriber subscriber : retainedWanted) {
                        broker.retained().match(subscriber.subscription().topicFilter(),
                                message -> session.deliverRetained(message, subscriber));
                    }
                });
    }

    private void onUnsubscribe(Unsubscribe unsubscribe) {
        List<ReasonCode> codes = new ArrayList<>(unsubscribe.topicFilters().size());
        List<String> absent = new ArrayList<>();
        for (String filter : unsubscribe.topicFilters()) {
            boolean existed = session.unsubscribe(filter);
            codes.add(existed ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED);
            if (!existed) {
                absent.add(filter);
            }
        }
        int packetId = unsubscribe.packetId();
        sendWhenStored(!version.isV5() ? new Unsuback(packetId, List.of(), MqttProperties.EMPTY)
                : absent.isEmpty() ? new Unsuback(packetId, codes, MqttProperties.EMPTY)
                : withReason(properties -> new Unsuback(packetId, codes, properties),
                        "no subscription to " + String.join(", ", absent), false));
    }

    /**
     * AUTH after CONNACK: a re-authentication with the method of CONNECT [MQTT-4.12.1-1], or the
     * client's answer to its challenge. Other packets go on being handled meanwhile.
     */
    private void onAuth(Auth auth) {
        String method = auth.properties().stringValue(PropertyId.AUTHENTICATION_METHOD);
        if (authentication == null) { // [MQTT-4.12.0-7]
            disconnect(ReasonCode.PROTOCOL_ERROR, "AUTH without enhanced authentication in CONNECT");
            return;
        }
        if (!authentication.methodName().equals(method)) { // [MQTT-4.12.1-1]
            disconnect(ReasonCode.BAD_AUTHENTICATION_METHOD, "AUTH with another authentication method, " + method);
            return;
        }
        byte[] data = auth.properties().binaryValue(PropertyId.AUTHENTICATION_DATA);
        boolean expected = switch (auth.reasonCode()) {
            case REAUTHENTICATE -> {
                if (authentication.inProgress()) {
                    yield false;
                }
                authentication.begin(data, this::reauthenticationStep);
                yield true;
            }
            case CONTINUE_AUTHENTICATION -> authentication.answer(data, this::reauthenticationStep);
            default -> false;
        };
        if (!expected) {
            disconnect(ReasonCode.PROTOCOL_ERROR, "unexpected AUTH " + auth.reasonCode());
        }
    }

    private void reauthenticationStep(AuthenticationStep step) {
        if (state != State.CONNECTED) {
            return;
        }
        switch (step.outcome()) {
            case CONTINUE -> send(authentication.auth(ReasonCode.CONTINUE_AUTHENTICATION, step.data()));
            case SUCCESS -> send(authentication.auth(ReasonCode.SUCCESS, step.data()));
            case FAILURE -> disconnect(step.failure(), "re-authentication failed");
        }
    }

    private void onDisconnect(Disconnect disconnect) {
        long expiry = disconnect.properties().longValue(PropertyId.SESSION_EXPIRY_INTERVAL, -1);
        if (expiry >= 0) {
            if (sessionExpiryAtConnect == 0 && expiry != 0) {
                // a session that was to end with its connection cannot be kept after all (section 3.14.2.2.2)
                disconnect(ReasonCode.PROTOCOL_ERROR, "session expiry set on DISCONNECT after 0 on CONNECT");
                return;
            }
            session.expiryOnDisconnect(expiry);
        }
        if (disconnect.reasonCode() != ReasonCode.DISCONNECT_WITH_WILL_MESSAGE) {
            will = null;
        }
        closeReason = "client sent DISCONNECT";
        channel.close();
    }

    private Message willMessage(Will lastWill) {
        // the will delay interval belongs to the will, not to the message: it is not valid in a PUBLISH
        return new Message(lastWill.topic(), lastWill.qos(), lastWill.retain(), Unpooled.wrappedBuffer(lastWill.payload()),
                lastWill.properties().without(PropertyId.WILL_DELAY_INTERVAL), client.clientId());
    }

    // ---- errors ----

    private void onViolation(MqttCodecException violation) {
        if (state == State.AWAITING_CONNECT) {
            if (violation.packetType() == PacketType.CONNECT) {
                answerBadConnect(violation);
            } else {
                LOG.info("Client {} sent {} before CONNECT, disconnecting", channel.remoteAddress(),
                        violation.packetType());
                state = State.CLOSED;
                channel.close();
            }
            return;
        }
        if (state != State.CONNECTED) {
            // a violation right behind CONNECT, while it is being handled: no DISCONNECT before CONNACK
            // [MQTT-3.14.0-1]; an MQTT 5 client is refused in CONNACK instead, an MQTT 3 client closed
            if (version.isV5()) {
                ReasonCode code = violation.reasonCode();
                refuse(code.isAllowedIn(PacketType.CONNACK) ? code : ReasonCode.UNSPECIFIED_ERROR,
                        violation.getMessage());
            } else {
                LOG.info("Client {} broke the protocol while connecting: {}", describe(), violation.getMessage());
                state = State.CLOSED;
                channel.close();
            }
            return;
        }
        disconnect(violation.reasonCode(), violation.getMessage());
    }

    /** A CONNECT the decoder refused: CONNACK where the version allows one with that reason, then close. */
    private void answerBadConnect(MqttCodecException violation) {
        LOG.info("Bad CONNECT from {}: {}", channel.remoteAddress(), violation.getMessage());
        state = State.CLOSED;
        ReasonCode code = violation.reasonCode();
        if (violation.version() == MqttVersion.V5 && code.isAllowedIn(PacketType.CONNACK)) {
            MqttChannelVersion.set(channel, MqttVersion.V5);
            channel.writeAndFlush(new Connack(false, code, MqttProperties.EMPTY));
        } else if (code == ReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
            channel.writeAndFlush(new Connack(false, code, MqttProperties.EMPTY));
        }
        channel.close();
    }

    /**
     * Ends the connection because of an error of the client or the broker: an MQTT 5 client is told
     * why with DISCONNECT; the will is published.
     */
    private void disconnect(ReasonCode code, String reason) {
        if (state == State.CLOSED || !channel.isActive()) {
            return;
        }
        closeReason = reason;
        if (version.isV5()) {
            ReasonCode told = code.isAllowedIn(PacketType.DISCONNECT) ? code : ReasonCode.UNSPECIFIED_ERROR;
            send(withReason(properties -> new Disconnect(told, properties), reason, true));
        }
        channel.flush();
        channel.close();
    }

    private String describe() {
        return client == null ? String.valueOf(channel.remoteAddress()) : client.clientId();
    }
}
