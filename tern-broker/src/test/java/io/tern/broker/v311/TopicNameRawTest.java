package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Subscription;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic names of PUBLISH packets (sections 3.3.2, 4.7 and 1.5.3), byte-exact with raw clients. */
class TopicNameRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "30 06 00 03 61 2f 2b 78",      // QoS 0, "a/+"
            "30 06 00 03 61 2f 23 78",      // QoS 0, "a/#"
            "32 06 00 01 23 00 01 78",      // QoS 1, "#"
            "34 07 00 02 61 2b 00 01 78"})  // QoS 2, "a+"
    @DisplayName("[MQTT-3.3.2-2] [MQTT-4.7.1-1] a wildcard in the topic name of a PUBLISH closes the connection; nothing is delivered")
    void wildcardInTopicNameCloses(String packet) {
        try (RawClient subscriber = connect(broker, "tn-wild-sub");
             RawClient publisher = connect(broker, "tn-wild-pub")) {
            subscribe(subscriber, "#", QoS.AT_LEAST_ONCE);
            publisher.sendHex(packet);
            assertThat(publisher.closedWithoutData()).isTrue();
            try (RawClient marker = connect(broker, "tn-wild-marker")) {
                publish(marker, "marker", QoS.AT_LEAST_ONCE, "marker");
            }
            assertThat(receiveAndAck(subscriber).topic()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.3-2] [MQTT-1.5.3-2] a topic name containing U+0000 closes the connection")
    void nullCharacterCloses() {
        try (RawClient subscriber = connect(broker, "tn-null-sub");
             RawClient publisher = connect(broker, "tn-null-pub")) {
            subscribe(subscriber, "#", QoS.AT_LEAST_ONCE);
            publisher.sendHex("30 07 00 03 61 00 62 78 79"); // QoS 0, topic "a\0b", payload "xy"
            assertThat(publisher.closedWithoutData()).isTrue();
            try (RawClient marker = connect(broker, "tn-null-marker")) {
                publish(marker, "marker", QoS.AT_LEAST_ONCE, "marker");
            }
            assertThat(receiveAndAck(subscriber).topic()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.3-2] [MQTT-1.5.3-2] a topic filter containing U+0000 closes the connection without SUBACK")
    void nullCharacterInFilterCloses() {
        try (RawClient client = connect(broker, "tn-null-filter")) {
            client.sendHex("82 08 00 01 00 03 61 00 62 00"); // SUBSCRIBE "a\0b" QoS 0
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] an empty topic name closes the connection")
    void emptyTopicNameCloses() {
        try (RawClient client = connect(broker, "tn-empty")) {
            client.sendHex("30 03 00 00 78"); // QoS 0, topic "", payload "x"
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.3-1] an empty topic filter closes the connection without SUBACK")
    void emptyTopicFilterCloses() {
        try (RawClient client = connect(broker, "tn-empty-filter")) {
            client.sendHex("82 05 00 01 00 00 00"); // SUBSCRIBE "" QoS 0
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-1.5.3-3] [MQTT-4.7.3-4] a leading U+FEFF (EF BB BF) is kept: '\\uFEFFa/b' and 'a/b' are different topics")
    void byteOrderMarkIsKept() {
        try (RawClient plain = connect(broker, "tn-bom-plain");
             RawClient bom = connect(broker, "tn-bom-bom");
             RawClient publisher = connect(broker, "tn-bom-pub")) {
            subscribe(plain, "a/b", QoS.AT_LEAST_ONCE);
            subscribe(bom, "\uFEFFa/b", QoS.AT_LEAST_ONCE);
            // QoS 1, identifier 1, topic EF BB BF "a/b", payload "bom"
            publisher.sendHex("32 0d 00 06 ef bb bf 61 2f 62 00 01 62 6f 6d");
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(1);
            publish(publisher, "a/b", QoS.AT_LEAST_ONCE, "plain");

            Received toBom = receiveAndAck(bom);
            assertThat(toBom.topic()).isEqualTo("\uFEFFa/b");
            assertThat(toBom.payload()).isEqualTo("bom");
            Received toPlain = receiveAndAck(plain);
            assertThat(toPlain.topic()).isEqualTo("a/b");
            assertThat(toPlain.payload()).isEqualTo("plain");
            // each got only its own: the next message on both is a marker matching both
            subscribe(bom, "marker", QoS.AT_LEAST_ONCE);
            subscribe(plain, "marker", QoS.AT_LEAST_ONCE);
            publish(publisher, "marker", QoS.AT_LEAST_ONCE, "marker");
            assertThat(receiveAndAck(bom).payload()).isEqualTo("marker");
            assertThat(receiveAndAck(plain).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.3-4] topics are matched character for character: no case folding, no Unicode normalization, no slash trimming")
    void noNormalization() {
        try (RawClient subscriber = connect(broker, "tn-exact-sub");
             RawClient publisher = connect(broker, "tn-exact-pub")) {
            subscribe(subscriber, 1,
                    new Subscription("Case/caf\u00e9", QoS.AT_LEAST_ONCE),
                    new Subscription("marker", QoS.AT_LEAST_ONCE));
            for (String topic : List.of("case/caf\u00e9", "CASE/caf\u00e9", "Case/cafe\u0301", "Case/caf\u00c9",
                    "/Case/caf\u00e9", "Case/caf\u00e9/", "Case//caf\u00e9", "Case/caf\u00e9 ", "Case/caf\u00e9")) {
                publish(publisher, topic, QoS.AT_LEAST_ONCE, topic);
            }
            publish(publisher, "marker", QoS.AT_LEAST_ONCE, "marker");
            Received only = receiveAndAck(subscriber);
            assertThat(only.topic()).isEqualTo("Case/caf\u00e9");
            assertThat(receiveAndAck(subscriber).topic()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-1] [MQTT-3.3.2-3] the topic name is the first field of PUBLISH; subscribers get the message's topic name, not their filter")
    void topicNameForwarded() {
        try (RawClient subscriber = connect(broker, "tn-fwd-sub");
             RawClient publisher = connect(broker, "tn-fwd-pub")) {
            subscribe(subscriber, "t/+/x/#", QoS.AT_LEAST_ONCE);
            // QoS 1, topic "t/1/x/y/z" first, then identifier 0x0102, then payload "p"
            publisher.sendHex("32 0e 00 09 74 2f 31 2f 78 2f 79 2f 7a 01 02 70");
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(0x0102);
            Received received = receivePublish(subscriber);
            assertThat(received.topic()).isEqualTo("t/1/x/y/z");
            assertThat(received.payload()).isEqualTo("p");
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.3-3] a topic name and filter of the maximum 65,535 bytes are accepted, matched and forwarded whole")
    void longestTopic() {
        String topic = "long/" + "\u00e9".repeat(1000) + "x".repeat(65_535 - 5 - 2000);
        assertThat(topic.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(65_535);
        try (RawClient subscriber = connect(broker, "tn-long-sub");
             RawClient publisher = connect(broker, "tn-long-pub")) {
            subscribe(subscriber, 1,
                    new Subscription(topic, QoS.AT_LEAST_ONCE),
                    new Subscription("long/+", QoS.AT_LEAST_ONCE));
            publish(publisher, topic, QoS.AT_LEAST_ONCE, "long");
            Received received = receiveAndAck(subscriber);
            assertThat(received.topic()).isEqualTo(topic);
            assertThat(received.payload()).isEqualTo("long");
            publish(publisher, "long/marker", QoS.AT_LEAST_ONCE, "marker");
            assertThat(receiveAndAck(subscriber).payload()).as("one copy only").isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-1.5.3-1] a topic name that is not well-formed UTF-8 (an encoded surrogate) closes the connection")
    void illFormedUtf8Closes() {
        try (RawClient client = connect(broker, "tn-utf8")) {
            client.sendHex("30 06 00 03 ed a0 80 78"); // QoS 0, topic ED A0 80 (U+D800), payload "x"
            assertThat(client.closedWithoutData()).isTrue();
        }
    }
}
