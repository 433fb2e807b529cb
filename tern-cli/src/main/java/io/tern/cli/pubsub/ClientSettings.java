package io.tern.cli.pubsub;

import io.tern.cli.pubsub.PropertyOption.Packet;
import io.tern.client.ConnectionListener;
import io.tern.client.DisconnectOptions;
import io.tern.client.Message;
import io.tern.client.MqttClient;
import io.tern.client.MqttClientBuilder;
import io.tern.client.PacketListener;
import io.tern.client.Reconnect;
import io.tern.client.TlsConfig;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.UserProperty;
import java.time.Duration;
import java.util.List;

/**
 * How {@code tern pub} or {@code tern sub} connects, from its {@link ClientOptions} checked together.
 *
 * @param host         the broker's host
 * @param port         the broker's port
 * @param webSocketPath the WebSocket path, or null for MQTT straight on TCP or TLS
 * @param tls          TLS, or null for none
 * @param version      the MQTT version
 * @param clientId     the client id; empty: the broker's choice (MQTT 5)
 * @param username     the user name, or null
 * @param password     the password, or null
 * @param keepAlive    the keep alive in seconds
 * @param cleanStart   whether the broker starts a new session
 * @param sessionExpiry MQTT 5 session expiry in seconds ({@link ClientOptions#NEVER_EXPIRES}: never)
 * @param will         the will, or null
 * @param properties   the -D properties
 * @param debug        whether to print packets (-d)
 * @param urlTopic     the topic of -L, or null
 */
public record ClientSettings(String host, int port, String webSocketPath, TlsConfig tls, MqttVersion version, String clientId, String username,
                             byte[] password, int keepAlive, boolean cleanStart, long sessionExpiry, Will will,
                             List<PropertyOption> properties, boolean debug, String urlTopic) {
    /**
     * The will of {@code --will-topic} and its companions.
     *
     * @param topic   its topic
     * @param payload its payload
     * @param qos     its QoS
     * @param retain  whether it is retained
     */
    public record Will(String topic, byte[] payload, QoS qos, boolean retain) {
    }

    /** The -D properties of {@code command}. */
    public MqttProperties properties(Packet command) {
        MqttProperties.Builder builder = MqttProperties.builder();
        for (PropertyOption property : properties) {
            if (property.command() == command) {
                property.addTo(builder);
            }
        }
        return builder.build();
    }

    /**
     * Checks that tern-client can send every -D property of CONNECT, PUBLISH, DISCONNECT and the will.
     *
     * @throws IllegalArgumentException naming the first that it cannot send yet
     */
    public void check() {
        builder();
        message("check", new byte[0], QoS.AT_MOST_ONCE, false);
        disconnectOptions();
    }

    /**
     * A client with these settings, not connected, telling {@code listener} of its connection's life,
     * reconnecting after a loss as {@code reconnect} says, and showing {@code packets} (if not null) each
     * packet.
     *
     * @throws IllegalArgumentException when a -D property is one tern-client cannot send yet
     */
    public MqttClient newClient(ConnectionListener listener, Reconnect reconnect, PacketListener packets) {
        MqttClientBuilder builder = builder().listener(listener).automaticReconnect(reconnect);
        if (packets != null) {
            builder.packetListener(packets);
        }
        return builder.build();
    }

    private MqttClientBuilder builder() {
        MqttClientBuilder builder = MqttClient.builder()
                .serverUri(serverUri())
                .version(version)
                .clientId(clientId)
                .keepAlive(Duration.ofSeconds(keepAlive))
                .cleanStart(cleanStart)
                .sessionExpiry(Duration.ofSeconds(sessionExpiry))
                // messages are printed on the network thread, as they arrive, so that each comes right after
                // its -d line, as in mosquitto's single-threaded clients
                .callbackExecutor(Runnable::run);
        if (tls != null) {
            builder.tls(tls);
        }
        if (username != null) {
            builder.credentials(username, password);
        }
        MqttProperties connect = properties(Packet.CONNECT);
        for (int i = 0; i < connect.size(); i++) {
            PropertyId id = connect.idAt(i);
            switch (id) {
                case SESSION_EXPIRY_INTERVAL -> builder.sessionExpiry(Duration.ofSeconds(connect.longValue(id, 0)));
                case RECEIVE_MAXIMUM -> builder.receiveMaximum(connect.intValue(id, 0));
                case MAXIMUM_PACKET_SIZE -> builder.maximumPacketSize((int) Math.min(Integer.MAX_VALUE,
                        connect.longValue(id, 0)));
                case TOPIC_ALIAS_MAXIMUM -> builder.topicAliasMaximum(connect.intValue(id, 0));
                case REQUEST_RESPONSE_INFORMATION ->
                        builder.requestResponseInformation(connect.intValue(id, 0) == 1);
                case REQUEST_PROBLEM_INFORMATION -> builder.requestProblemInformation(connect.intValue(id, 1) == 1);
                case USER_PROPERTY -> {
                    // added below, all in order
                }
                default -> throw unsupported(Packet.CONNECT, id);
            }
        }
        connect.userProperties().forEach(property -> builder.userProperty(property.name(), property.value()));
        int topicAlias = properties(Packet.PUBLISH).intValue(PropertyId.TOPIC_ALIAS, 0);
        if (topicAlias > 0) {
            // tern-client numbers the aliases itself: -D publish topic-alias N lets it use aliases 1 to N
            builder.topicAliasMaximum(topicAlias);
        }
        if (will != null) {
            MqttProperties willProperties = properties(Packet.WILL);
            Message message = message(Message.builder().topic(will.topic()).payload(will.payload()).qos(will.qos())
                    .retain(will.retain()), willProperties.without(PropertyId.WILL_DELAY_INTERVAL), Packet.WILL);
            builder.will(message, Duration.ofSeconds(willProperties.longValue(PropertyId.WILL_DELAY_INTERVAL, 0)));
        }
        return builder;
    }

    /** mqtt://host:port, mqtts://, ws://host:port/path or wss://: the transport {@link MqttClientBuilder} takes. */
    private String serverUri() {
        String scheme = (webSocketPath == null ? "mqtt" : "ws") + (tls == null ? "" : "s");
        String address = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + address + ":" + port + (webSocketPath == null ? "" : webSocketPath);
    }

    /**
     * A message to {@code topic} with the -D publish properties.
     *
     * @throws IllegalArgumentException when a -D property is one tern-client cannot send yet
     */
    public Message message(String topic, byte[] payload, QoS qos, boolean retain) {
        return message(Message.builder().topic(topic).payload(payload).qos(qos).retain(retain),
                properties(Packet.PUBLISH), Packet.PUBLISH);
    }

    private static Message message(Message.Builder message, MqttProperties properties, Packet command) {
        for (int i = 0; i < properties.size(); i++) {
            PropertyId id = properties.idAt(i);
            switch (id) {
                case PAYLOAD_FORMAT_INDICATOR -> message.payloadFormatIndicator(properties.intValue(id, 0));
                case MESSAGE_EXPIRY_INTERVAL -> message.messageExpiry(Duration.ofSeconds(properties.longValue(id, 0)));
                case CONTENT_TYPE -> message.contentType(properties.stringValue(id));
                case RESPONSE_TOPIC -> message.responseTopic(properties.stringValue(id));
                case CORRELATION_DATA -> message.correlationData(properties.binaryValue(id));
                case USER_PROPERTY -> {
                    // added below, all in order
                }
                case TOPIC_ALIAS -> {
                    // the client's topic alias maximum, set in builder()
                }
                default -> throw unsupported(command, id);
            }
        }
        for (UserProperty property : properties.userProperties()) {
            message.userProperty(property.name(), property.value());
        }
        return message.build();
    }

    /**
     * How to disconnect: with the -D disconnect session expiry, reason string and user properties.
     *
     * @throws IllegalArgumentException when a -D property is one tern-client cannot send
     */
    public DisconnectOptions disconnectOptions() {
        MqttProperties disconnect = properties(Packet.DISCONNECT);
        DisconnectOptions.Builder options = DisconnectOptions.builder();
        for (int i = 0; i < disconnect.size(); i++) {
            PropertyId id = disconnect.idAt(i);
            switch (id) {
                case SESSION_EXPIRY_INTERVAL -> options.sessionExpiry(Duration.ofSeconds(disconnect.longValue(id, 0)));
                case REASON_STRING -> options.reasonString(disconnect.stringValue(id));
                case USER_PROPERTY -> {
                    // added below, all in order
                }
                default -> throw unsupported(Packet.DISCONNECT, id);
            }
        }
        disconnect.userProperties().forEach(property -> options.userProperty(property.name(), property.value()));
        return options.build();
    }

    /** Whether there are -D properties for {@code command}. */
    public boolean hasProperties(Packet command) {
        return properties.stream().anyMatch(property -> property.command() == command);
    }

    private static IllegalArgumentException unsupported(Packet command, PropertyId id) {
        return new IllegalArgumentException("-D " + command.label() + " " + PropertyNames.name(id)
                + ": tern-client cannot send this property yet");
    }
}
