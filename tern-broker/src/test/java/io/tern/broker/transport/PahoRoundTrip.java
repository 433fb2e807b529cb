package io.tern.broker.transport;

import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Messages between a Paho client on a listener under test (TLS, WebSocket) and a Paho 3.1.1 client
 * on the broker's plain TCP listener, checked as they arrive.
 */
final class PahoRoundTrip {
    private PahoRoundTrip() {
    }

    /**
     * A Paho 3.1.1 client connected to {@code uri} with {@code options} publishes {@code payload} on
     * {@code topic} at each of {@code qos}; a TCP subscriber must receive each.
     */
    static void publishV3(EmbeddedBroker broker, String uri, MqttConnectOptions options, String topic,
                          byte[] payload, int... qos) throws Exception {
        MqttClient subscriber = new MqttClient(broker.uri(), "tcp-sub", new MemoryPersistence());
        MqttClient publisher = new MqttClient(uri, "paho3-pub", new MemoryPersistence());
        try {
            subscriber.connect();
            BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            subscriber.subscribe(topic, 2, (receivedTopic, message) -> received.add(message.getPayload()));
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            publisher.connect(options);
            for (int level : qos) {
                publisher.publish(topic, payload, level, false);
                assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("QoS %d", level).isEqualTo(payload);
            }
            publisher.disconnect();
            subscriber.disconnect();
        } finally {
            publisher.close(true);
            subscriber.close(true);
        }
    }

    /**
     * A Paho 5.0 client connected to {@code uri} with {@code options} subscribes to {@code topic} at
     * {@code qos}, and must receive the {@code payload} that a TCP client publishes there.
     */
    static void subscribeV5(EmbeddedBroker broker, String uri, MqttConnectionOptions options, String topic,
                            byte[] payload, int qos) throws Exception {
        org.eclipse.paho.mqttv5.client.MqttClient subscriber = new org.eclipse.paho.mqttv5.client.MqttClient(
                uri, "paho5-sub", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttClient publisher = new MqttClient(broker.uri(), "tcp-pub", new MemoryPersistence());
        try {
            subscriber.connect(options);
            BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(topic, qos)},
                    new IMqttMessageListener[] {(receivedTopic, message) -> received.add(message.getPayload())});
            publisher.connect();
            publisher.publish(topic, payload, qos, false);
            assertThat(received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(payload);
            publisher.disconnect();
            subscriber.disconnect();
        } finally {
            publisher.close(true);
            subscriber.close(true);
        }
    }
}
