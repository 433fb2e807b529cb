package io.tern.broker.v311;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PahoSmokeTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    void publishSubscribeAllQos() throws Exception {
        MqttClient sub = new MqttClient(broker.uri(), "sub", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        sub.connect(options);
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        sub.subscribe("a/#", 2, (topic, message) -> received.add(message));
        MqttClient pub = new MqttClient(broker.uri(), "pub", new MemoryPersistence());
        pub.connect(options);
        for (int qos = 0; qos <= 2; qos++) {
            pub.publish("a/b", ("m" + qos).getBytes(), qos, false);
            MqttMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(new String(m.getPayload())).isEqualTo("m" + qos);
            assertThat(m.getQos()).isEqualTo(qos);
        }
        pub.disconnect();
        sub.disconnect();
        pub.close();
        sub.close();
    }
}
