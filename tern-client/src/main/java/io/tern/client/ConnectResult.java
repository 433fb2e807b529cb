package io.tern.client;

import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's answer to a successful connect: whether it resumed a session, and (MQTT 5) the limits
 * and identifiers it announced in CONNACK. Absent MQTT 5 properties take the defaults the
 * specification gives them.
 */
public final class ConnectResult {
    private final boolean sessionPresent;
    private final ReasonCode reasonCode;
    private final String clientId;
    private final MqttProperties properties;

    /**
     * A result.
     *
     * @param sessionPresent whether the server resumed a session
     * @param reasonCode     the CONNACK reason code (success)
     * @param clientId       the client identifier in use: the one sent, or the one the server assigned
     * @param properties     the CONNACK properties, {@link MqttProperties#EMPTY} on MQTT 3.1.1
     */
    public ConnectResult(boolean sessionPresent, ReasonCode reasonCode, String clientId, MqttProperties properties) {
        this.sessionPresent = sessionPresent;
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** Whether the server resumed a session it kept for this client id. */
    public boolean sessionPresent() {
        return sessionPresent;
    }

    /** The CONNACK reason code. */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** The client identifier in use: the one sent, or the one the server assigned (MQTT 5). */
    public String clientId() {
        return clientId;
    }

    /** MQTT 5: whether the server assigned the client identifier. */
    public boolean clientIdAssigned() {
        return properties.has(PropertyId.ASSIGNED_CLIENT_IDENTIFIER);
    }

    /** MQTT 5: the keep alive the server imposes instead of the one asked for, if any. */
    public Optional<Duration> serverKeepAlive() {
        int seconds = properties.intValue(PropertyId.SERVER_KEEP_ALIVE, -1);
        return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /** MQTT 5: the session expiry the server uses instead of the one asked for, if any. */
    public Optional<Duration> sessionExpiry() {
        long seconds = properties.longValue(PropertyId.SESSION_EXPIRY_INTERVAL, -1);
        return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /** How many QoS 1 and 2 publishes the server accepts in flight (65,535 if it did not say). */
    public int receiveMaximum() {
        return properties.intValue(PropertyId.RECEIVE_MAXIMUM, 65_535);
    }

    /** The largest packet the server accepts, in bytes (unlimited if it did not say). */
    public long maximumPacketSize() {
        return properties.longValue(PropertyId.MAXIMUM_PACKET_SIZE, 268_435_460L);
    }

    /** How many topic aliases the server accepts from the client (0 if it did not say). */
    public int topicAliasMaximum() {
        return properties.intValue(PropertyId.TOPIC_ALIAS_MAXIMUM, 0);
    }

    /** The highest QoS the server supports. */
    public QoS maximumQos() {
        return QoS.of(properties.intValue(PropertyId.MAXIMUM_QOS, 2));
    }

    /** Whether the server supports retained messages. */
    public boolean retainAvailable() {
        return properties.intValue(PropertyId.RETAIN_AVAILABLE, 1) == 1;
    }

    /** Whether the server supports wildcard subscriptions. */
    public boolean wildcardSubscriptionAvailable() {
        return properties.intValue(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, 1) == 1;
    }

    /** Whether the server supports subscription identifiers. */
    public boolean subscriptionIdentifiersAvailable() {
        return properties.intValue(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1) == 1;
    }

    /** Whether the server supports shared subscriptions. */
    public boolean sharedSubscriptionAvailable() {
        return properties.intValue(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 1) == 1;
    }

    /** MQTT 5: the response information (a topic prefix for responses), if asked for and given. */
    public Optional<String> responseInformation() {
        return Optional.ofNullable(properties.stringValue(PropertyId.RESPONSE_INFORMATION));
    }

    /** MQTT 5: the reason string, if the server gave one. */
    public Optional<String> reasonString() {
        return Optional.ofNullable(properties.stringValue(PropertyId.REASON_STRING));
    }

    /** MQTT 5: the user properties of CONNACK. */
    public List<UserProperty> userProperties() {
        return properties.userProperties();
    }

    /** The raw CONNACK properties. */
    public MqttProperties properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "ConnectResult[clientId=" + clientId + ", sessionPresent=" + sessionPresent + ", " + properties + "]";
    }
}
