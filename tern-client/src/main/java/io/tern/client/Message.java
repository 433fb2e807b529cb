package io.tern.client;

import io.tern.codec.QoS;
import io.tern.codec.UserProperty;
import io.tern.client.internal.TopicChecks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An application message: what a client publishes, and what it receives. Immutable; make one with
 * {@link #builder()} or {@link #of(String, String)}.
 *
 * <p>The MQTT 5 fields (message expiry, content type, payload format, response topic, correlation
 * data, user properties) are sent only on an MQTT 5 connection and left out on MQTT 3.1.1. The
 * subscription identifiers and the DUP flag are set on received messages only.
 */
public final class Message {
    private final String topic;
    private final byte[] payload;
    private final QoS qos;
    private final boolean retain;
    private final Duration messageExpiry;
    private final String contentType;
    private final Integer payloadFormat;
    private final String responseTopic;
    private final byte[] correlationData;
    private final List<UserProperty> userProperties;
    private final List<Integer> subscriptionIdentifiers;
    private final boolean dup;
    private final int packetId;

    private Message(Builder builder) {
        this.topic = Objects.requireNonNull(builder.topic, "topic");
        this.payload = builder.payload;
        this.qos = builder.qos;
        this.retain = builder.retain;
        this.messageExpiry = builder.messageExpiry;
        this.contentType = builder.contentType;
        this.payloadFormat = builder.payloadFormat;
        this.responseTopic = builder.responseTopic;
        this.correlationData = builder.correlationData;
        this.userProperties = List.copyOf(builder.userProperties);
        this.subscriptionIdentifiers = List.copyOf(builder.subscriptionIdentifiers);
        this.dup = builder.dup;
        this.packetId = builder.packetId;
    }

    /** A builder of a message, QoS 0 and not retained unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** A QoS 0 message with a UTF-8 text payload. */
    public static Message of(String topic, String payload) {
        return builder().topic(topic).payload(payload).build();
    }

    /** A message with a payload and a QoS. */
    public static Message of(String topic, byte[] payload, QoS qos) {
        return builder().topic(topic).payload(payload).qos(qos).build();
    }

    /**
     * A builder of the response to a request (MQTT 5): addressed to the request's response topic and
     * carrying its correlation data, so that {@link MqttClient#request} on the other side gets it.
     *
     * @throws IllegalArgumentException if the request has no response topic
     */
    public static Builder responseTo(Message request) {
        String to = request.responseTopic()
                .orElseThrow(() -> new IllegalArgumentException("the request on " + request.topic()
                        + " has no response topic to answer on"));
        Builder response = builder().topic(to).qos(request.qos());
        request.correlationData().ifPresent(response::correlationData);
        return response;
    }

    /** A builder that starts with the fields of this message. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.topic = topic;
        builder.payload = payload;
        builder.qos = qos;
        builder.retain = retain;
        builder.messageExpiry = messageExpiry;
        builder.contentType = contentType;
        builder.payloadFormat = payloadFormat;
        builder.responseTopic = responseTopic;
        builder.correlationData = correlationData;
        builder.userProperties.addAll(userProperties);
        builder.subscriptionIdentifiers.addAll(subscriptionIdentifiers);
        builder.dup = dup;
        builder.packetId = packetId;
        return builder;
    }

    /** The topic name. */
    public String topic() {
        return topic;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as a read-only buffer, without a copy. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** The payload decoded as UTF-8 text. */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The length of the payload in bytes. */
    public int payloadLength() {
        return payload.length;
    }

    /** The quality of service. */
    public QoS qos() {
        return qos;
    }

    /** Whether the message is (to be) retained. */
    public boolean retain() {
        return retain;
    }

    /** MQTT 5: how long the server keeps the message for subscribers, if limited. */
    public Optional<Duration> messageExpiry() {
        return Optional.ofNullable(messageExpiry);
    }

    /** MQTT 5: the content type, such as a MIME type. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** MQTT 5: whether the payload is declared UTF-8 text (payload format indicator 1). */
    public boolean isUtf8Payload() {
        return payloadFormat != null && payloadFormat == 1;
    }

    /**
     * MQTT 5: the payload format indicator as sent, 0 (unspecified bytes) or 1 (UTF-8 text), or empty when
     * the message has none; tells an explicit 0 from an absent indicator.
     */
    public OptionalInt payloadFormatIndicator() {
        return payloadFormat == null ? OptionalInt.empty() : OptionalInt.of(payloadFormat);
    }

    /** MQTT 5: the topic a response to this message should be published to. */
    public Optional<String> responseTopic() {
        return Optional.ofNullable(responseTopic);
    }

    /** MQTT 5: a copy of the correlation data that ties a response to its request. */
    public Optional<byte[]> correlationData() {
        return Optional.ofNullable(correlationData).map(byte[]::clone);
    }

    /** MQTT 5: the user properties, in order. */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** MQTT 5, received messages: the identifiers of the subscriptions that matched. */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    /** Received messages: whether the server marked this a possible redelivery (DUP). */
    public boolean isDup() {
        return dup;
    }

    /** Received messages: the packet identifier the server sent it with, 0 at QoS 0. */
    public int packetId() {
        return packetId;
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos.value()
                + (retain ? ", retain" : "") + (dup ? ", dup" : "") + "]";
    }

    /** Collects the fields of a message. */
    public static final class Builder {
        private static final byte[] EMPTY = new byte[0];

        private String topic;
        private byte[] payload = EMPTY;
        private QoS qos = QoS.AT_MOST_ONCE;
        private boolean retain;
        private Duration messageExpiry;
        private String contentType;
        private Integer payloadFormat;
        private String responseTopic;
        private byte[] correlationData;
        private final List<UserProperty> userProperties = new ArrayList<>();
        private final List<Integer> subscriptionIdentifiers = new ArrayList<>();
        private boolean dup;
        private int packetId;

        private Builder() {
        }

        /** The topic name; required. */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** The payload; the message keeps its own copy. */
        public Builder payload(byte[] payload) {
            this.payload = payload.clone();
            return this;
        }

        /** The payload as UTF-8 text. */
        public Builder payload(String payload) {
            this.payload = payload.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** The quality of service; QoS 0 if not set. */
        public Builder qos(QoS qos) {
            this.qos = Objects.requireNonNull(qos, "qos");
            return this;
        }

        /** Whether the server should retain the message. */
        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        /**
         * MQTT 5: how long the server keeps the message for subscribers, in whole seconds.
         *
         * @throws IllegalArgumentException if negative or more than 4,294,967,295 seconds
         */
        public Builder messageExpiry(Duration expiry) {
            this.messageExpiry = Intervals.requireFourByteSeconds(expiry, "message expiry");
            return this;
        }

        /** MQTT 5: the content type, such as {@code application/json}. */
        public Builder contentType(String contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /** MQTT 5: declares the payload UTF-8 text (payload format indicator 1), which the server may check. */
        public Builder utf8Payload(boolean utf8) {
            this.payloadFormat = utf8 ? 1 : null;
            return this;
        }

        /**
         * MQTT 5: sends the payload format indicator {@code indicator}, even 0 (unspecified bytes), which
         * {@link #utf8Payload(boolean) utf8Payload(false)} leaves out.
         *
         * @throws IllegalArgumentException if not 0 or 1
         */
        public Builder payloadFormatIndicator(int indicator) {
            if (indicator != 0 && indicator != 1) {
                throw new IllegalArgumentException("the payload format indicator is 0 or 1, not " + indicator);
            }
            this.payloadFormat = indicator;
            return this;
        }

        /** MQTT 5: the topic a response should be published to. */
        public Builder responseTopic(String responseTopic) {
            this.responseTopic = Objects.requireNonNull(responseTopic, "responseTopic");
            return this;
        }

        /** MQTT 5: data that ties a response to its request; the message keeps its own copy. */
        public Builder correlationData(byte[] correlationData) {
            this.correlationData = correlationData.clone();
            return this;
        }

        /** MQTT 5: adds a user property after those already added. */
        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /** Adds a subscription identifier, as the client does for received messages. */
        public Builder subscriptionIdentifier(int identifier) {
            subscriptionIdentifiers.add(identifier);
            return this;
        }

        /** Sets the DUP flag, as the client does for received messages. */
        public Builder dup(boolean dup) {
            this.dup = dup;
            return this;
        }

        /** Sets the packet identifier, as the client does for received messages; not sent by a publish. */
        public Builder packetId(int packetId) {
            this.packetId = packetId;
            return this;
        }

        /**
         * The message.
         *
         * @throws NullPointerException     if no topic was set
         * @throws IllegalArgumentException if the topic or response topic is not a valid topic name (empty,
         *                                  with a wildcard, with U+0000, or longer than 65,535 bytes)
         */
        public Message build() {
            TopicChecks.requireTopicName(Objects.requireNonNull(topic, "topic"), "topic");
            if (responseTopic != null) {
                TopicChecks.requireTopicName(responseTopic, "response topic");
            }
            return new Message(this);
        }
    }
}
