package io.tern.broker;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tern.broker.auth.AuthenticationMethod;
import io.tern.broker.auth.Authenticator;
import io.tern.broker.auth.Authorizer;
import io.tern.broker.limits.ConnectionAdmission;
import io.tern.broker.retained.MemoryRetainedStore;
import io.tern.broker.retained.RetainedStore;
import io.tern.broker.routing.Router;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.session.SessionRegistry;
import io.tern.broker.storage.DurabilityGate;
import io.tern.broker.storage.GroupCommit;
import io.tern.broker.storage.MemorySessionStore;
import io.tern.broker.storage.SessionStore;
import io.tern.broker.storage.Storage;
import io.tern.broker.storage.SyncPolicy;
import io.tern.broker.sys.BrokerMetrics;
import io.tern.broker.sys.SysTopics;
import io.tern.broker.transport.Listener;
import io.tern.broker.transport.MqttChannelInitializer;
import io.tern.broker.transport.ServerTls;
import io.tern.broker.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker, to run on its own or embedded in a program or a test:
 *
 * <pre>{@code
 * try (TernBroker broker = TernBroker.builder().listen("127.0.0.1", 0).build()) {
 *     int port = broker.start().get(0).getPort();
 *     ...
 * }
 * }</pre>
 */
public final class TernBroker implements AutoCloseable {
    /** The version of Tern, from the jar's manifest ("dev" when run from classes). */
    public static final String VERSION = Objects.requireNonNullElse(
            TernBroker.class.getPackage().getImplementationVersion(), "dev");

    private static final Logger LOG = LoggerFactory.getLogger(TernBroker.class);

    private final List<Listener> listeners;
    private final BrokerConfig config;
    private final Authenticator authenticator;
    private final Map<String, AuthenticationMethod> authenticationMethods;
    private final Authorizer authorizer;
    private final int threads;
    private final SubscriptionIndex subscriptions = new SubscriptionIndex();
    private final RetainedStore retained;
    private final SessionStore sessionStore;
    private final boolean ownsStores;
    /** The storage the broker was given and closes, or {@code null} for stores in memory. */
    private final Storage storage;
    private DurabilityGate durability = DurabilityGate.IMMEDIATE;
    private final List<Channel> serverChannels = new ArrayList<>();
    private ChannelGroup clients;
    private EventLoopGroup loops;
    private SessionRegistry sessions;

    private TernBroker(Builder builder) {
        this.listeners = List.copyOf(builder.listeners);
        this.config = builder.config;
        this.authenticator = builder.authenticator;
        this.authenticationMethods = Map.copyOf(builder.authenticationMethods);
        this.authorizer = builder.authorizer;
        this.threads = builder.threads;
        this.storage = builder.storage;
        if (storage != null) {
            this.ownsStores = false;
            this.retained = storage.retained();
            this.sessionStore = storage.sessions();
        } else {
            this.ownsStores = builder.retainedStore == null;
            this.retained = ownsStores ? new MemoryRetainedStore() : builder.retainedStore;
            this.sessionStore = ownsStores ? new MemorySessionStore() : builder.sessionStore;
        }
    }

    /** A builder; without listeners the broker listens on 127.0.0.1:1883. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the listeners.
     *
     * @return the addresses bound, in the order the listeners were given (port 0 resolved)
     * @throws IllegalStateException if a listener cannot bind, or its TLS files cannot be used; nothing
     *                               stays open then
     */
    public synchronized List<InetSocketAddress> start() {
        if (loops != null) {
            throw new IllegalStateException("the broker is already started");
        }
        Transport transport = Transport.best();
        loops = transport.newEventLoopGroup(threads == 0 ? NettyRuntime.availableProcessors() : threads);
        clients = new DefaultChannelGroup("tern-clients", GlobalEventExecutor.INSTANCE);
        BrokerMetrics metrics = new BrokerMetrics();
        sessions = new SessionRegistry(subscriptions, config, metrics, sessionStore);
        Router router = new Router(subscriptions);
        if (storage != null) {
            durability = storage.syncPolicy().mode() == SyncPolicy.Mode.NONE
                    ? DurabilityGate.immediate(storage::failure) : new GroupCommit(storage, loops, sessions.transit());
        }
        BrokerContext context = new BrokerContext(config, sessions, router, retained, authenticator,
                authenticationMethods, authorizer, metrics, durability);
        sessions.publishWillsWith(context::publishWill);
        long restoreStart = System.nanoTime();
        int restored = sessions.restore(loops);
        if (restored > 0 || retained.size() > 0) {
            LOG.info("Restored {} sessions and {} retained messages in {} ms", restored, retained.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoreStart));
        }
        if (!config.sysInterval().isZero()) {
            SysTopics sys = new SysTopics(VERSION, context, subscriptions);
            long interval = config.sysInterval().toMillis();
            loops.next().scheduleAtFixedRate(sys::publish, 0, interval, TimeUnit.MILLISECONDS);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // one allocator for all connections (its handles stay per connection), not one each
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator());
        List<InetSocketAddress> bound = new ArrayList<>();
        ConnectionAdmission admission = new ConnectionAdmission(config);
        List<Listener> wanted = listeners.isEmpty() ? List.of(Listener.tcp("127.0.0.1", 1883)) : listeners;
        for (Listener listener : wanted) {
            InetSocketAddress address = new InetSocketAddress(listener.host(), listener.port());
            try {
                Channel channel = bootstrap.clone()
                        .childHandler(new MqttChannelInitializer(context, clients, admission, listener))
                        .channelFactory(() -> transport.newServerChannel(address))
                        .bind(address).syncUninterruptibly().channel();
                serverChannels.add(channel);
                bound.add((InetSocketAddress) channel.localAddress());
            } catch (Exception e) { // Netty throws undeclared checked exceptions (NativeIoException) here
                close();
                throw new IllegalStateException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            urls.add(new Listener(bound.get(i).getHostString(), bound.get(i).getPort(),
                    wanted.get(i).webSocketPath(), wanted.get(i).tls()).toString());
        }
        LOG.info("Tern broker {} listening on {} ({}{})", VERSION, urls, transport,
                wanted.stream().anyMatch(listener -> listener.tls() != null) ? ", TLS by " + ServerTls.provider() : "");
        return bound;
    }

    /** The port of the first listener; call after {@link #start()}. */
    public synchronized int port() {
        if (serverChannels.isEmpty()) {
            throw new IllegalStateException("the broker is not started");
        }
        return ((InetSocketAddress) serverChannels.get(0).localAddress()).getPort();
    }

    /** The sessions of the started broker. */
    public synchronized SessionRegistry sessions() {
        return sessions;
    }

    /** The channels of the open client connections, for tests that look at a connection from the broker's side. */
    synchronized ChannelGroup clients() {
        return clients;
    }

    /** Stops accepting connections, closes every client connection, and releases what it holds. */
    @Override
    public synchronized void close() {
        if (loops == null) {
            return;
        }
        serverChannels.forEach(channel -> channel.close().syncUninterruptibly());
        serverChannels.clear();
        clients.forEach(MqttChannelInitializer::closeForShutdown);
        clients.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (durability instanceof GroupCommit groupCommit) {
            groupCommit.close();
        }
        sessions.releaseAll(); // sessions would otherwise keep their messages' buffers for ever
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        loops = null;
        if (ownsStores) {
            retained.close();
            sessionStore.close();
        }
        if (storage != null) {
            storage.close();
        }
        LOG.info("Tern broker stopped");
    }

    /** Builds a {@link TernBroker}. */
    public static final class Builder {
        private final List<Listener> listeners = new ArrayList<>();
        private BrokerConfig config = BrokerConfig.defaults();
        private Authenticator authenticator = Authenticator.ALLOW_ALL;
        private final Map<String, AuthenticationMethod> authenticationMethods = new HashMap<>();
        private Authorizer authorizer = Authorizer.ALLOW_ALL;
        private int threads;
        private RetainedStore retainedStore;
        private SessionStore sessionStore;
        private Storage storage;

        private Builder() {
        }

        /**
         * Keeps sessions and retained messages in {@code storage}, durable as its {@link SyncPolicy}
         * says: QoS 1 and 2 messages are acknowledged once what must survive them is synced. The
         * broker closes the storage when it closes. Without this (or {@link #stores}), the broker
         * keeps both in memory.
         */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * Keeps retained messages and sessions in stores the caller owns, so that they outlive this
         * broker: a broker started later on the same stores resumes the sessions that outlive their
         * connections and keeps the retained messages. The broker does not close them. Without
         * this, the broker keeps both in memory of its own, released when it closes.
         */
        public Builder stores(RetainedStore retainedStore, SessionStore sessionStore) {
            this.retainedStore = Objects.requireNonNull(retainedStore, "retainedStore");
            this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
            return this;
        }

        /** Adds a TCP listener; port 0 picks a free port, which {@link TernBroker#start()} returns. */
        public Builder listen(String host, int port) {
            return listen(Listener.tcp(host, port));
        }

        /**
         * Adds a listener: TCP, TLS, WebSocket or secure WebSocket; port 0 picks a free port, which
         * {@link TernBroker#start()} returns. {@link TernBroker#start()} reads its TLS files.
         */
        public Builder listen(Listener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Sets limits and choices; {@link BrokerConfig#defaults()} otherwise. */
        public Builder config(BrokerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Sets who may connect; everyone otherwise. */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /**
         * Adds a method of MQTT 5 enhanced authentication: clients that name it in CONNECT authenticate
         * through it instead of the {@link #authenticator(Authenticator) authenticator}. Without any, a
         * client that names a method is refused with 0x8C (bad authentication method).
         */
        public Builder authenticationMethod(AuthenticationMethod method) {
            authenticationMethods.put(method.name(), method);
            return this;
        }

        /** Sets who may publish and subscribe where; everyone everywhere otherwise. */
        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * Sets the number of event loop threads; 0 (the default) for one per core, which measured
         * better than Netty's two per core (fewer messages handed between loops).
         */
        public Builder threads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must not be negative, not " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The broker, not yet started. */
        public TernBroker build() {
            return new TernBroker(this);
        }
    }
}
