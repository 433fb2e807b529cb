package io.tern.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tern.client.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Will;
import java.time.Duration;

/** Translates between {@link Message} and the PUBLISH packet or will of the codec. */
final class Messages {
    private Messages() {
    }

    /**
     * A PUBLISH of a message. The payload buffer wraps the message's bytes without copying them.
     *
     * @param topic    the topic to write: the message's, or empty when {@code alias} stands for it
     * @param alias    the topic alias to send, or 0 for none
     * @param packetId the packet identifier, 0 for QoS 0
     * @param v5       whether the connection speaks MQTT 5, so that properties are written
     */
    static Publish toPublish(Message message, String topic, int alias, int packetId, boolean dup, boolean v5) {
        MqttProperties properties = v5 ? publishProperties(message, alias) : MqttProperties.EMPTY;
        ByteBuf payload = Unpooled.wrappedBuffer(message.payloadBuffer());
        return new Publish(topic, message.qos(), message.retain(), dup, packetId, properties, payload);
    }

    /** A received PUBLISH as a message; copies the payload and does not release the packet. */
    static Message fromPublish(Publish publish) {
        Message.Builder message = Message.builder()
                .topic(publish.topic())
                .payload(ByteBufUtil.getBytes(publish.payload()))
                .qos(publish.qos())
                .retain(publish.retained())
                .dup(publish.dup())
                .packetId(publish.packetId());
        MqttProperties properties = publish.properties();
        if (properties.isEmpty()) {
            return message.build();
        }
        long expiry = properties.longValue(PropertyId.MESSAGE_EXPIRY_INTERVAL, -1);
        if (expiry >= 0) {
            message.messageExpiry(Duration.ofSeconds(expiry));
        }
        String contentType = properties.stringValue(PropertyId.CONTENT_TYPE);
        if (contentType != null) {
            message.contentType(contentType);
        }
        int payloadFormat = properties.intValue(PropertyId.PAYLOAD_FORMAT_INDICATOR, -1);
        if (payloadFormat >= 0) {
            message.payloadFormatIndicator(payloadFormat);
        }
        String responseTopic = properties.stringValue(PropertyId.RESPONSE_TOPIC);
        if (responseTopic != null) {
            message.responseTopic(responseTopic);
        }
        byte[] correlation = properties.binaryValue(PropertyId.CORRELATION_DATA);
        if (correlation != null) {
            message.correlationData(correlation);
        }
        for (UserProperty property : properties.userProperties()) {
            message.userProperty(property.name(), property.value());
        }
        for (int identifier : properties.subscriptionIdentifiers()) {
            message.subscriptionIdentifier(identifier);
        }
        return message.build();
    }

    /** The will of CONNECT, with the message's MQTT 5 fields and the delay as will properties. */
    static Will toWill(Message will, long delaySeconds, boolean v5) {
        MqttProperties properties = MqttProperties.EMPTY;
        if (v5) {
            MqttProperties.Builder builder = applicationProperties(will, MqttProperties.builder());
            if (delaySeconds > 0) {
                builder.set(PropertyId.WILL_DELAY_INTERVAL, delaySeconds);
            }
            properties = builder.build();
        }
        return new Will(will.topic(), will.payload(), will.qos(), will.retain(), properties);
    }

    private static MqttProperties publishProperties(Message message, int alias) {
        if (alias == 0 && !hasApplicationProperties(message)) {
            return MqttProperties.EMPTY;
        }
        MqttProperties.Builder builder = applicationProperties(message, MqttProperties.builder());
        if (alias != 0) {
            builder.set(PropertyId.TOPIC_ALIAS, alias);
        }
        return builder.build();
    }

    private static boolean hasApplicationProperties(Message message) {
        return message.messageExpiry().isPresent() || message.contentType().isPresent()
                || message.payloadFormatIndicator().isPresent()
                || message.responseTopic().isPresent() || message.correlationData().isPresent()
                || !message.userProperties().isEmpty();
    }

    private static MqttProperties.Builder applicationProperties(Message message, MqttProperties.Builder builder) {
        message.messageExpiry().ifPresent(expiry -> builder.set(PropertyId.MESSAGE_EXPIRY_INTERVAL, expiry.getSeconds()));
        message.contentType().ifPresent(type -> builder.set(PropertyId.CONTENT_TYPE, type));
        message.payloadFormatIndicator().ifPresent(indicator -> builder.set(PropertyId.PAYLOAD_FORMAT_INDICATOR, indicator));
        message.responseTopic().ifPresent(topic -> builder.set(PropertyId.RESPONSE_TOPIC, topic));
        message.correlationData().ifPresent(data -> builder.set(PropertyId.CORRELATION_DATA, data));
        message.userProperties().forEach(builder::userProperty);
        return builder;
    }
}
