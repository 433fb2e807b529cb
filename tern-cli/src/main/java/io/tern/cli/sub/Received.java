package io.tern.cli.sub;

import io.tern.client.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import java.time.Instant;

/**
 * A message as {@code tern sub} prints it: what the broker delivered and when it arrived.
 *
 * @param topic      the topic name it was published to
 * @param payload    its payload, not to be modified
 * @param qos        the QoS it was delivered with, 0 to 2
 * @param retain     whether it came with the retain flag
 * @param packetId   its packet identifier, 0 at QoS 0
 * @param properties its MQTT 5 properties ({@link MqttProperties#EMPTY} for MQTT 3.1.1)
 * @param receivedAt when it arrived
 */
public record Received(String topic, byte[] payload, int qos, boolean retain, int packetId,
                       MqttProperties properties, Instant receivedAt) {
    /** {@code message} as it arrived at {@code receivedAt}. */
    public static Received of(Message message, Instant receivedAt) {
        MqttProperties.Builder properties = MqttProperties.builder();
        message.payloadFormatIndicator().ifPresent(indicator ->
                properties.set(PropertyId.PAYLOAD_FORMAT_INDICATOR, indicator));
        message.messageExpiry().ifPresent(expiry -> properties.set(PropertyId.MESSAGE_EXPIRY_INTERVAL,
                expiry.getSeconds()));
        message.contentType().ifPresent(type -> properties.set(PropertyId.CONTENT_TYPE, type));
        message.responseTopic().ifPresent(topic -> properties.set(PropertyId.RESPONSE_TOPIC, topic));
        message.correlationData().ifPresent(data -> properties.set(PropertyId.CORRELATION_DATA, data));
        message.subscriptionIdentifiers().forEach(properties::subscriptionIdentifier);
        message.userProperties().forEach(properties::userProperty);
        return new Received(message.topic(), message.payload(), message.qos().value(), message.retain(),
                message.packetId(), properties.build(), receivedAt);
    }
}
