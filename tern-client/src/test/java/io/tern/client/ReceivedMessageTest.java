package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.client.support.BrokerKind;
import io.tern.client.support.Inbox;
import io.tern.client.support.Resources;
import io.tern.client.support.TestBroker;
import io.tern.codec.QoS;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a received message tells beyond its content: its packet identifier and its payload format indicator. */
class ReceivedMessageTest {
    @RegisterExtension
    final Resources resources = new Resources();

    private MqttClient connected(TestBroker broker, String clientId) throws Exception {
        MqttClient client = resources.use(MqttClient.builder().serverPort(broker.port()).clientId(clientId).build());
        client.connect().get(20, TimeUnit.SECONDS);
        return client;
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("[MQTT-2.2.1-2] a received message tells its packet identifier: none at QoS 0, a non-zero one at QoS 1")
    void packetIdentifier(BrokerKind kind) throws Exception {
        TestBroker broker = resources.use(kind.start());
        BlockingQueue<Message> received = Inbox.of(connected(broker, "mid-sub"), "mid");
        MqttClient publisher = connected(broker, "mid-pub");

        publisher.publish(Message.builder().topic("mid").payload("zero").build()).get(20, TimeUnit.SECONDS);
        publisher.publish(Message.builder().topic("mid").payload("one").qos(QoS.AT_LEAST_ONCE).build())
                .get(20, TimeUnit.SECONDS);

        Message atMostOnce = received.poll(20, TimeUnit.SECONDS);
        Message atLeastOnce = received.poll(20, TimeUnit.SECONDS);
        assertThat(atMostOnce.payloadAsString()).isEqualTo("zero");
        assertThat(atMostOnce.packetId()).isZero();
        assertThat(atLeastOnce.payloadAsString()).isEqualTo("one");
        assertThat(atLeastOnce.packetId()).isBetween(1, 65_535);
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("[MQTT-3.3.2-4] an explicit payload format indicator 0 arrives as 0, told apart from none, and 1 as 1")
    void payloadFormatIndicator(BrokerKind kind) throws Exception {
        TestBroker broker = resources.use(kind.start());
        BlockingQueue<Message> received = Inbox.of(connected(broker, "pfi-sub"), "pfi/#");
        MqttClient publisher = connected(broker, "pfi-pub");

        publisher.publish(Message.builder().topic("pfi/none").payload("a").qos(QoS.AT_LEAST_ONCE).build())
                .get(20, TimeUnit.SECONDS);
        publisher.publish(Message.builder().topic("pfi/zero").payload("b").qos(QoS.AT_LEAST_ONCE)
                .payloadFormatIndicator(0).build()).get(20, TimeUnit.SECONDS);
        publisher.publish(Message.builder().topic("pfi/one").payload("c").qos(QoS.AT_LEAST_ONCE)
                .payloadFormatIndicator(1).build()).get(20, TimeUnit.SECONDS);

        Message none = received.poll(20, TimeUnit.SECONDS);
        Message zero = received.poll(20, TimeUnit.SECONDS);
        Message one = received.poll(20, TimeUnit.SECONDS);
        assertThat(none.topic()).isEqualTo("pfi/none");
        assertThat(none.payloadFormatIndicator()).isEmpty();
        assertThat(zero.payloadFormatIndicator()).hasValue(0);
        assertThat(zero.isUtf8Payload()).isFalse();
        assertThat(one.payloadFormatIndicator()).hasValue(1);
        assertThat(one.isUtf8Payload()).isTrue();
    }
}
