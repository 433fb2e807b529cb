package io.tern.cli.sub;

import io.tern.codec.MqttProperties;
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
}
