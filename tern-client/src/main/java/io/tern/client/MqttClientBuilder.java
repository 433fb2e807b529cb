package io.tern.client;

import io.netty.channel.EventLoopGroup;
import io.tern.client.internal.ClientConfig;
import io.tern.client.internal.NettyMqttClient;
import io.tern.client.persistence.Persistence;
import io.tern.codec.MqttVersion;
import io.tern.codec.UserProperty;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Configures an {@link MqttClient}. Every setting has a default: server 127.0.0.1 on the transport's
 * port (1883 for TCP), MQTT 5, an empty client id (the server assigns one), clean start, keep alive
 * 60 s, no session expiry, no automatic reconnect, memory persistence, connect timeout 10 s.
 */
public final class MqttClientBuilder {
    /** The WebSocket path of a ws:// or wss:// URI without one, as Tern's and mosquitto's listeners use. */
    public static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";

    private String host = "127.0.0.1";
    private int port = -1;
    private String clientId = "";
    private MqttVersion version = MqttVersion.V5;
    private String username;
    private byte[] password;
    private Duration keepAlive = Duration.ofSeconds(60);
    private boolean cleanStart = true;
    private Duration sessionExpiry = Duration.ZERO;
    private Message will;
    private Duration willDelay = Duration.ZERO;
    private int receiveMaximum = 65_535;
    private int maximumPacketSize;
    private int topicAliasMaximum;
    private final List<UserProperty> userProperties = new ArrayList<>();
    private boolean requestResponseInformation;
    private boolean requestProblemInformation = true;
    private Reconnect reconnect = Reconnect.off();
    private int offlineBufferSize = 65_536;
    private int pendingPublishLimit = 65_536;
    private Persistence persistence = Persistence.memory();
    private Executor callbackExecutor;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private EnhancedAuth enhancedAuth;
    private Transport transport;
    private boolean webSocket;
    private String webSocketPath = DEFAULT_WEBSOCKET_PATH;
    private boolean uriSecure;
    private TlsConfig tls;
    private final List<ConnectionListener> listeners = new ArrayList<>();
    private final List<PacketListener> packetListeners = new ArrayList<>();
    private EventLoopGroup eventLoopGroup;

    MqttClientBuilder() {
    }

    /** The server's host name or address. */
    public MqttClientBuilder serverHost(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * The server's port.
     *
     * @throws IllegalArgumentException if not between 1 and 65,535
     */
    public MqttClientBuilder serverPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * The server as a URI, which also picks the transport: {@code mqtt://host:port} or {@code tcp://} (TCP,
     * port 1883), {@code mqtts://} or {@code ssl://} (TLS, 8883), {@code ws://host:port/path} (WebSocket, 80)
     * and {@code wss://} (WebSocket over TLS, 443), with the path {@value #DEFAULT_WEBSOCKET_PATH} when the
     * URI has none. The ports left out are MQTT.js's. TLS trusts the JDK's authorities unless
     * {@link #tls(TlsConfig)} says otherwise.
     *
     * @throws IllegalArgumentException if the URI is malformed or its scheme is not supported
     */
    public MqttClientBuilder serverUri(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("server URI " + uri + " is malformed: " + e.getMessage(), e);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean secure;
        switch (scheme) {
            case "mqtt", "tcp", "ws" -> secure = false;
            case "mqtts", "ssl", "tls", "wss" -> secure = true;
            default -> throw new IllegalArgumentException("server URI " + uri
                    + ": scheme must be mqtt://, mqtts://, ws:// or wss:// (or tcp://, ssl://), not "
                    + (scheme.isEmpty() ? "none" : scheme + "://"));
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("server URI " + uri + " has no host");
        }
        transport = null;
        webSocket = scheme.startsWith("ws");
        webSocketPath = parsed.getRawPath() == null || parsed.getRawPath().isEmpty()
                ? DEFAULT_WEBSOCKET_PATH : parsed.getRawPath();
        uriSecure = secure;
        String host = parsed.getHost();
        serverHost(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        port = -1;
        if (parsed.getPort() != -1) {
            serverPort(parsed.getPort());
        }
        return this;
    }

    /**
     * Speaks TLS with this configuration: turns mqtt:// into mqtts:// and ws:// into wss://, and sets
     * whom an mqtts:// or wss:// {@link #serverUri(String)} trusts.
     */
    public MqttClientBuilder tls(TlsConfig tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        return this;
    }

    /** The client identifier; empty (the default) lets the server assign one. */
    public MqttClientBuilder clientId(String clientId) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        return this;
    }

    /**
     * The protocol version: {@link MqttVersion#V5} (the default), {@link MqttVersion#V3_1_1} or
     * {@link MqttVersion#V3_1}.
     */
    public MqttClientBuilder version(MqttVersion version) {
        this.version = Objects.requireNonNull(version, "version");
        return this;
    }

    /** A user name and password; the client keeps its own copy of the password. */
    public MqttClientBuilder credentials(String username, byte[] password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = password == null ? null : password.clone();
        return this;
    }

    /** A user name and a UTF-8 password. */
    public MqttClientBuilder credentials(String username, String password) {
        return credentials(username, password == null ? null : password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The keep alive, in whole seconds; zero turns it off.
     *
     * @throws IllegalArgumentException if negative or above 65,535 seconds
     */
    public MqttClientBuilder keepAlive(Duration keepAlive) {
        long seconds = keepAlive.getSeconds();
        if (seconds < 0 || seconds > 65_535) {
            throw new IllegalArgumentException("keep alive must be between 0 and 65535 s, not " + keepAlive);
        }
        this.keepAlive = keepAlive;
        return this;
    }

    /** Whether the server discards a session it kept for this client id (clean session in 3.1.1). */
    public MqttClientBuilder cleanStart(boolean cleanStart) {
        this.cleanStart = cleanStart;
        return this;
    }

    /**
     * MQTT 5: how long the server keeps the session after the connection ends (zero, the default: not at
     * all). On MQTT 3.1.1 the session outlives the connection when clean start is false.
     *
     * @throws IllegalArgumentException if negative or more than 4,294,967,295 seconds
     */
    public MqttClientBuilder sessionExpiry(Duration sessionExpiry) {
        this.sessionExpiry = Intervals.requireFourByteSeconds(sessionExpiry, "session expiry");
        return this;
    }

    /** The will: published by the server if the connection ends without a normal disconnect. */
    public MqttClientBuilder will(Message will) {
        return will(will, Duration.ZERO);
    }

    /**
     * The will, published after {@code delay} (MQTT 5 will delay interval) unless the client comes back
     * first. The will's MQTT 5 fields become will properties.
     */
    public MqttClientBuilder will(Message will, Duration delay) {
        this.will = Objects.requireNonNull(will, "will");
        this.willDelay = Intervals.requireFourByteSeconds(delay, "will delay");
        return this;
    }

    /**
     * MQTT 5: how many QoS 1 and 2 messages the server may send before the client acknowledged them.
     *
     * @throws IllegalArgumentException if not between 1 and 65,535
     */
    public MqttClientBuilder receiveMaximum(int receiveMaximum) {
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receive maximum must be between 1 and 65535, not " + receiveMaximum);
        }
        this.receiveMaximum = receiveMaximum;
        return this;
    }

    /**
     * The largest packet the client accepts, in bytes (MQTT 5 tells the server); unlimited by default.
     *
     * @throws IllegalArgumentException if below 2
     */
    public MqttClientBuilder maximumPacketSize(int maximumPacketSize) {
        if (maximumPacketSize < 2) {
            throw new IllegalArgumentException("maximum packet size must be at least 2, not " + maximumPacketSize);
        }
        this.maximumPacketSize = maximumPacketSize;
        return this;
    }

    /**
     * MQTT 5: how many topic aliases the client uses for the topics it publishes to, at most (and no more
     * than the server allows). The first topics published get an alias, so repeated publishes to them
     * send two bytes instead of the topic. Zero, the default, turns outbound aliases off.
     *
     * @throws IllegalArgumentException if not between 0 and 65,535
     */
    public MqttClientBuilder topicAliasMaximum(int topicAliasMaximum) {
        if (topicAliasMaximum < 0 || topicAliasMaximum > 65_535) {
            throw new IllegalArgumentException("topic alias maximum must be between 0 and 65535, not "
                    + topicAliasMaximum);
        }
        this.topicAliasMaximum = topicAliasMaximum;
        return this;
    }

    /** MQTT 5: adds a user property to CONNECT. */
    public MqttClientBuilder userProperty(String name, String value) {
        userProperties.add(new UserProperty(name, value));
        return this;
    }

    /**
     * MQTT 5: asks the server for response information, a topic prefix for responses, which
     * {@link ConnectResult#responseInformation()} then gives. Off by default.
     */
    public MqttClientBuilder requestResponseInformation(boolean request) {
        this.requestResponseInformation = request;
        return this;
    }

    /**
     * MQTT 5: whether the server may send reason strings and user properties with its acknowledgements
     * and refusals (on by default, as the specification's default).
     */
    public MqttClientBuilder requestProblemInformation(boolean request) {
        this.requestProblemInformation = request;
        return this;
    }

    /** Automatic reconnect; {@link Reconnect#off()} by default. */
    public MqttClientBuilder automaticReconnect(Reconnect reconnect) {
        this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
        return this;
    }

    /**
     * How many publishes are kept while the client is not connected: connecting, or reconnecting after a
     * loss with automatic reconnect on (65,536 by default); a publish beyond completes with
     * {@link PublishQueueFullException}.
     *
     * @throws IllegalArgumentException if negative
     */
    public MqttClientBuilder offlineBufferSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("offline buffer size must not be negative, not " + size);
        }
        this.offlineBufferSize = size;
        return this;
    }

    /**
     * How many publishes may wait beyond the server's receive maximum while connected (65,536 by
     * default); a publish beyond completes with {@link PublishQueueFullException}.
     *
     * @throws IllegalArgumentException if negative
     */
    public MqttClientBuilder pendingPublishLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("pending publish limit must not be negative, not " + limit);
        }
        this.pendingPublishLimit = limit;
        return this;
    }

    /** Where in-flight QoS 1 and 2 publishes are kept; {@link Persistence#memory()} by default. */
    public MqttClientBuilder persistence(Persistence persistence) {
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        return this;
    }

    /**
     * Where message handlers and listeners run. By default the client makes its own daemon threads,
     * which it stops on close; an executor given here is not shut down by the client.
     */
    public MqttClientBuilder callbackExecutor(Executor executor) {
        this.callbackExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * How long connecting may take, network and CONNACK together (10 s by default).
     *
     * @throws IllegalArgumentException if not positive
     */
    public MqttClientBuilder connectTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, not " + timeout);
        }
        this.connectTimeout = timeout;
        return this;
    }

    /** MQTT 5 enhanced authentication (AUTH exchange). */
    public MqttClientBuilder enhancedAuthentication(EnhancedAuth auth) {
        this.enhancedAuth = Objects.requireNonNull(auth, "auth");
        return this;
    }

    /**
     * The transport, instead of the one {@link #serverUri(String)} and {@link #tls(TlsConfig)} pick;
     * {@link Transport#tcp()} by default.
     */
    public MqttClientBuilder transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /** Adds a listener that sees every packet sent and received, on the network thread. */
    public MqttClientBuilder packetListener(PacketListener listener) {
        packetListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Adds a listener of connection events. */
    public MqttClientBuilder listener(ConnectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Netty threads to share with other clients or servers; the client does not shut them down. By
     * default each client has one network thread of its own.
     */
    public MqttClientBuilder eventLoopGroup(EventLoopGroup group) {
        this.eventLoopGroup = Objects.requireNonNull(group, "group");
        return this;
    }

    /**
     * The client, not yet connected.
     *
     * @throws IllegalArgumentException    if the settings do not fit together, such as directory
     *                                     persistence without a client id
     * @throws java.io.UncheckedIOException if the persistence cannot be opened or read
     */
    public MqttClient build() {
        if (persistence.isDurable() && clientId.isEmpty()) {
            throw new IllegalArgumentException(
                    "persistence " + persistence + " needs a client id to find its messages again: set clientId(...)");
        }
        if (enhancedAuth != null && !version.isV5()) {
            throw new IllegalArgumentException("enhanced authentication needs MQTT 5, not " + version);
        }
        Transport transport = transport();
        ClientConfig config = new ClientConfig(host, port == -1 ? transport.defaultPort() : port, clientId, version,
                username, password, (int) keepAlive.getSeconds(), cleanStart, sessionExpiry.getSeconds(), will,
                willDelay.getSeconds(), receiveMaximum, maximumPacketSize, topicAliasMaximum, userProperties,
                requestResponseInformation, requestProblemInformation, reconnect, offlineBufferSize, pendingPublishLimit, persistence, callbackExecutor, connectTimeout,
                enhancedAuth, transport, listeners, eventLoopGroup, packetListeners);
        return new NettyMqttClient(config);
    }

    private Transport transport() {
        if (transport != null) {
            return transport;
        }
        if (!uriSecure && tls == null) {
            return webSocket ? Transport.webSocket(webSocketPath) : Transport.tcp();
        }
        TlsConfig config = tls == null ? TlsConfig.defaults() : tls;
        return webSocket ? Transport.secureWebSocket(webSocketPath, config) : Transport.tls(config);
    }
}
