package io.tern.codec.packet;

import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Last Will and Testament that a CONNECT carries: published by the server when the connection
 * is lost without a normal DISCONNECT.
 *
 * @param topic      the topic name the will is published to
 * @param payload    the will message; the record keeps its own copy
 * @param qos        the QoS the will is published with
 * @param retain     whether the will is published as a retained message
 * @param properties the will properties (MQTT 5), or {@link MqttProperties#EMPTY}
 */
public record Will(String topic, byte[] payload, QoS qos, boolean retain, MqttProperties properties) {
    /** Checks and copies the components. */
    public Will {
        Objects.requireNonNull(topic, "topic");
        payload = payload.clone();
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(properties, "properties");
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("will payload is limited to 65535 bytes, not " + payload.length);
        }
    }

    /** A copy of the will message. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Will other && topic.equals(other.topic) && Arrays.equals(payload, other.payload)
                && qos == other.qos && retain == other.retain && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, properties);
    }

    @Override
    public String toString() {
        return "Will[topic=" + topic + ", payload=" + payload.length + " bytes, qos=" + qos + ", retain=" + retain
                + ", properties=" + properties + "]";
    }
}
