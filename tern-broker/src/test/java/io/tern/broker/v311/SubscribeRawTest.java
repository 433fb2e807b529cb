package io.tern.broker.v311;

import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.RawFlows.ack;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SUBSCRIBE and SUBACK (sections 3.8 and 3.9), byte-exact with raw clients. */
class SubscribeRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @ParameterizedTest(name = "first byte {0}")
    @ValueSource(strings = {"80", "81", "83", "8a", "8f"})
    @DisplayName("[MQTT-3.8.1-1] a SUBSCRIBE whose fixed-header flags are not 0010 closes the connection without SUBACK")
    void badFlagsClose(String firstByte) {
        try (RawClient client = connect(broker, "sub-flags")) {
            client.sendHex(firstByte + " 08 00 01 00 03 61 2f 62 01"); // identifier 1, "a/b" QoS 1
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @ParameterizedTest(name = "requested QoS byte {0}")
    @ValueSource(strings = {"03", "04", "05", "41", "81", "fc", "ff"})
    @DisplayName("[MQTT-3.8.3-4] a requested-QoS byte with reserved bits set or QoS 3 closes the connection without SUBACK")
    void reservedQosBitsClose(String options) {
        try (RawClient client = connect(broker, "sub-reserved")) {
            client.sendHex("82 08 00 01 00 03 61 2f 62 " + options);
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.3-4] a bad requested-QoS byte on the second filter closes the connection too")
    void reservedQosBitsOnSecondFilterClose() {
        try (RawClient client = connect(broker, "sub-reserved-2")) {
            client.sendHex("82 0e 00 01 00 03 61 2f 62 01 00 03 61 2f 63 07");
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.3-3] a SUBSCRIBE without any topic filter closes the connection without SUBACK")
    void emptySubscribeCloses() {
        try (RawClient client = connect(broker, "sub-empty")) {
            client.sendHex("82 02 00 01");
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-1] [MQTT-3.8.4-2] every SUBSCRIBE gets its own SUBACK with its packet identifier, in order")
    void everySubscribeIsAnswered() {
        try (RawClient client = connect(broker, "sub-every")) {
            for (int id = 10; id < 15; id++) {
                client.send(new Subscribe(id, List.of(new Subscription("every/" + id, QoS.AT_LEAST_ONCE)),
                        MqttProperties.EMPTY));
            }
            for (int id = 10; id < 15; id++) {
                Suback suback = client.receive(Suback.class);
                assertThat(suback.packetId()).isEqualTo(id);
                assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-4] [MQTT-3.8.4-5] [MQTT-3.9.3-1] [MQTT-3.9.3-2] several filters: one SUBACK, one return code per filter in order, each a subscription of its own")
    void severalFiltersInOneSubscribe() {
        try (RawClient subscriber = connect(broker, "sub-several");
             RawClient publisher = connect(broker, "sub-several-pub")) {
            Suback suback = subscribe(subscriber, 0x0A0B,
                    new Subscription("several/two", QoS.EXACTLY_ONCE),
                    new Subscription("several/zero", QoS.AT_MOST_ONCE),
                    new Subscription("several/one", QoS.AT_LEAST_ONCE));
            assertThat(suback.packetId()).isEqualTo(0x0A0B);
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                    ReasonCode.GRANTED_QOS_1);
            assertThat(suback.reasonCodes()).allSatisfy(code -> assertThat(code.value()).isIn(0x00, 0x01, 0x02, 0x80));
            assertNothingPendingBeforePing(subscriber); // one combined SUBACK only

            for (String topic : List.of("several/two", "several/zero", "several/one")) {
                publish(publisher, topic, QoS.EXACTLY_ONCE, topic);
            }
            List<Received> received = receiveAndAck(subscriber, 3);
            assertThat(received).extracting(Received::topic, Received::qos).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("several/two", QoS.EXACTLY_ONCE),
                    org.assertj.core.groups.Tuple.tuple("several/zero", QoS.AT_MOST_ONCE),
                    org.assertj.core.groups.Tuple.tuple("several/one", QoS.AT_LEAST_ONCE));
        }
    }

    @ParameterizedTest(name = "published QoS {0}, granted QoS {1}")
    @CsvSource({"0,0", "0,1", "0,2", "1,0", "1,1", "1,2", "2,0", "2,1", "2,2"})
    @DisplayName("[MQTT-3.8.4-6] a message goes out at the lower of its published QoS and the granted QoS, never upgraded")
    void deliveredAtTheLowerQos(int published, int granted) {
        try (RawClient subscriber = connect(broker, "sub-min");
             RawClient publisher = connect(broker, "sub-min-pub")) {
            subscribe(subscriber, "min/t", QoS.of(granted));
            publish(publisher, "min/t", QoS.of(published), "m");
            Received received = receiveAndAck(subscriber);
            assertThat(received.qos()).isEqualTo(QoS.of(Math.min(published, granted)));
            assertThat(received.payload()).isEqualTo("m");
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-3] [MQTT-3.3.1-8] subscribing again to the same filter replaces the subscription (new QoS, one delivery) and sends the retained message again")
    void resubscribeReplaces() {
        try (RawClient subscriber = connect(broker, "sub-replace");
             RawClient publisher = connect(broker, "sub-replace-pub")) {
            publish(publisher, "rep/x", QoS.EXACTLY_ONCE, true, 1, "kept");
            subscribe(subscriber, "rep/x", QoS.EXACTLY_ONCE);
            Received retained = receiveAndAck(subscriber);
            assertThat(retained).isEqualTo(new Received("rep/x", QoS.EXACTLY_ONCE, true, false,
                    retained.packetId(), "kept"));

            subscribe(subscriber, "rep/x", QoS.AT_MOST_ONCE);
            Received again = receivePublish(subscriber);
            assertThat(again).isEqualTo(new Received("rep/x", QoS.AT_MOST_ONCE, true, false, 0, "kept"));

            publish(publisher, "rep/x", QoS.EXACTLY_ONCE, "live");
            publish(publisher, "rep/x", QoS.AT_MOST_ONCE, "marker");
            assertThat(receivePublish(subscriber))
                    .as("one subscription, at the new QoS")
                    .isEqualTo(new Received("rep/x", QoS.AT_MOST_ONCE, false, false, 0, "live"));
            assertThat(receivePublish(subscriber).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-4] [MQTT-3.8.4-3] the same filter twice in one SUBSCRIBE: handled in order, the second replaces the first")
    void sameFilterTwiceInOneSubscribe() {
        try (RawClient subscriber = connect(broker, "sub-twice");
             RawClient publisher = connect(broker, "sub-twice-pub")) {
            Suback suback = subscribe(subscriber, 4,
                    new Subscription("twice", QoS.AT_MOST_ONCE),
                    new Subscription("twice", QoS.EXACTLY_ONCE));
            assertThat(suback.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_2);
            publish(publisher, "twice", QoS.EXACTLY_ONCE, "m");
            publish(publisher, "twice", QoS.AT_MOST_ONCE, "marker");
            List<Received> received = receiveAndAck(subscriber, 2);
            assertThat(received.get(0).payload()).isEqualTo("m");
            assertThat(received.get(0).qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(received.get(1).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-3] replacing a subscription does not interrupt the flow on it: messages just before and just after both arrive once")
    void resubscribeDoesNotInterruptTheFlow() {
        try (RawClient client = connect(broker, "sub-flow")) {
            subscribe(client, "flow/x", QoS.AT_LEAST_ONCE);
            // pipelined in one write, handled in order on the client's connection
            client.send(publishPacket("flow/x", QoS.AT_LEAST_ONCE, false, false, 1, "before"));
            client.send(new Subscribe(2, List.of(new Subscription("flow/x", QoS.AT_LEAST_ONCE)),
                    MqttProperties.EMPTY));
            client.send(publishPacket("flow/x", QoS.AT_LEAST_ONCE, false, false, 3, "after"));
            int publishes = 0;
            StringBuilder payloads = new StringBuilder();
            int acks = 0;
            int subacks = 0;
            while (acks < 2 || subacks < 1 || publishes < 2) {
                MqttPacket packet = client.receive(MqttPacket.class);
                if (packet instanceof Publish publish) {
                    publishes++;
                    payloads.append(publish.payload().toString(java.nio.charset.StandardCharsets.UTF_8)).append(' ');
                    client.send(new PubAck(publish.packetId()));
                    publish.release();
                } else if (packet instanceof PubAck) {
                    acks++;
                } else if (packet instanceof Suback) {
                    subacks++;
                }
            }
            assertThat(payloads.toString()).isEqualTo("before after ");
            assertNothingPendingBeforePing(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-6] a QoS 2 message delivered at QoS 1 completes with PUBACK")
    void downgradedFlowCompletes() {
        try (RawClient subscriber = connect(broker, "sub-down");
             RawClient publisher = connect(broker, "sub-down-pub")) {
            subscribe(subscriber, "down", QoS.AT_LEAST_ONCE);
            publish(publisher, "down", QoS.EXACTLY_ONCE, "x");
            Received received = receivePublish(subscriber);
            assertThat(received.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            ack(subscriber, received);
            assertNothingPendingBeforePing(subscriber);
        }
    }
}
