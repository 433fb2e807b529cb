package io.tern.broker.v311;

import static io.tern.broker.support.Packets.publishPacket;
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
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retained messages (RETAIN flag, section 3.3.1.3), byte-exact with raw clients. */
class RetainedRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.3.1-5] [MQTT-3.3.1-6] [MQTT-3.3.1-8] a retained message is stored with its QoS and sent, RETAIN=1, to each new matching subscription")
    void storedAndSentOnSubscribe() {
        try (RawClient publisher = connect(broker, "ret-pub")) {
            publish(publisher, "ret/one", QoS.AT_LEAST_ONCE, true, 1, "v1");
            publish(publisher, "ret/two", QoS.EXACTLY_ONCE, true, 2, "v2");
            publish(publisher, "ret/zero", QoS.AT_MOST_ONCE, true, 0, "v0");
            publish(publisher, "ret/one/deeper", QoS.AT_LEAST_ONCE, true, 3, "not matched by ret/+");
            for (int i = 0; i < 2; i++) { // every new subscription gets them, not only the first
                try (RawClient subscriber = connect(broker, "ret-sub-" + i)) {
                    subscribe(subscriber, "ret/+", QoS.EXACTLY_ONCE);
                    Map<String, Received> received = receiveAndAck(subscriber, 3).stream()
                            .collect(Collectors.toMap(Received::topic, Function.identity()));
                    assertThat(received).containsOnlyKeys("ret/one", "ret/two", "ret/zero");
                    assertThat(received.values()).allSatisfy(r -> assertThat(r.retain()).isTrue());
                    assertThat(received.get("ret/one").qos()).isEqualTo(QoS.AT_LEAST_ONCE);
                    assertThat(received.get("ret/one").payload()).isEqualTo("v1");
                    assertThat(received.get("ret/two").qos()).isEqualTo(QoS.EXACTLY_ONCE);
                    assertThat(received.get("ret/two").payload()).isEqualTo("v2");
                    assertThat(received.get("ret/zero").qos()).isEqualTo(QoS.AT_MOST_ONCE);
                    assertThat(received.get("ret/zero").payload()).isEqualTo("v0");
                    assertNothingPendingBeforePing(subscriber);
                }
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-5] [MQTT-3.3.1-6] each retained publish replaces the topic's retained message; a new subscriber gets only the latest")
    void replaced() {
        try (RawClient publisher = connect(broker, "ret-rep-pub")) {
            publish(publisher, "ret/r", QoS.AT_LEAST_ONCE, true, 1, "first");
            publish(publisher, "ret/r", QoS.EXACTLY_ONCE, true, 2, "second");
            publish(publisher, "ret/r", QoS.AT_LEAST_ONCE, true, 3, "third");
            try (RawClient subscriber = connect(broker, "ret-rep-sub")) {
                subscribe(subscriber, "ret/r", QoS.EXACTLY_ONCE);
                Received received = receiveAndAck(subscriber);
                assertThat(received.payload()).isEqualTo("third");
                assertThat(received.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
                assertThat(received.retain()).isTrue();
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-7] a retained QoS 0 message replaces the topic's retained message (and Tern keeps it)")
    void qos0Replaces() {
        try (RawClient publisher = connect(broker, "ret-q0-pub")) {
            publish(publisher, "ret/q0", QoS.EXACTLY_ONCE, true, 1, "old");
            publish(publisher, "ret/q0", QoS.AT_MOST_ONCE, true, 0, "new");
            try (RawClient subscriber = connect(broker, "ret-q0-sub")) {
                subscribe(subscriber, "ret/q0", QoS.EXACTLY_ONCE);
                assertThat(receivePublish(subscriber))
                        .isEqualTo(new Received("ret/q0", QoS.AT_MOST_ONCE, true, false, 0, "new"));
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-9] a retained message published to an existing subscription is forwarded with RETAIN=0")
    void existingSubscriberGetsRetainZero() {
        try (RawClient subscriber = connect(broker, "ret-live-sub");
             RawClient publisher = connect(broker, "ret-live-pub")) {
            subscribe(subscriber, "ret/live/#", QoS.EXACTLY_ONCE);
            publish(publisher, "ret/live/1", QoS.AT_LEAST_ONCE, true, 1, "a");
            publish(publisher, "ret/live/2", QoS.EXACTLY_ONCE, true, 2, "b");
            publish(publisher, "ret/live/3", QoS.AT_MOST_ONCE, true, 0, "c");
            List<Received> received = receiveAndAck(subscriber, 3);
            assertThat(received).extracting(Received::payload).containsExactly("a", "b", "c");
            assertThat(received).allSatisfy(r -> assertThat(r.retain()).isFalse());
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-10] [MQTT-3.3.1-9] a retained empty payload goes to current subscribers (RETAIN=0) and deletes the retained message")
    void emptyPayloadClears() {
        try (RawClient publisher = connect(broker, "ret-clear-pub");
             RawClient current = connect(broker, "ret-clear-current")) {
            publish(publisher, "ret/clear", QoS.AT_LEAST_ONCE, true, 1, "value");
            subscribe(current, "ret/clear", QoS.AT_LEAST_ONCE);
            assertThat(receiveAndAck(current).payload()).isEqualTo("value");

            publish(publisher, "ret/clear", QoS.AT_LEAST_ONCE, true, 2, "");
            assertThat(receiveAndAck(current))
                    .as("delivered normally to the existing subscription")
                    .satisfies(r -> {
                        assertThat(r.payload()).isEmpty();
                        assertThat(r.retain()).isFalse();
                    });
            try (RawClient later = connect(broker, "ret-clear-later")) {
                subscribe(later, "ret/#", QoS.AT_LEAST_ONCE);
                assertNothingPendingBeforePing(later); // no retained message any more
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-11] a retained empty payload on a topic without retained message is not stored either")
    void emptyPayloadNotStored() {
        try (RawClient publisher = connect(broker, "ret-empty-pub")) {
            publish(publisher, "ret/empty", QoS.AT_MOST_ONCE, true, 0, "");
            publish(publisher, "ret/empty", QoS.EXACTLY_ONCE, true, 1, "");
            try (RawClient subscriber = connect(broker, "ret-empty-sub")) {
                subscribe(subscriber, "ret/empty", QoS.EXACTLY_ONCE);
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-12] a message published with RETAIN=0 neither replaces nor removes the retained message")
    void nonRetainedLeavesRetainedAlone() {
        try (RawClient publisher = connect(broker, "ret-keep-pub")) {
            publish(publisher, "ret/keep", QoS.AT_LEAST_ONCE, true, 1, "keep");
            publish(publisher, "ret/keep", QoS.AT_LEAST_ONCE, false, 2, "transient");
            publish(publisher, "ret/keep", QoS.AT_LEAST_ONCE, false, 3, ""); // empty, but not retained
            publish(publisher, "ret/new", QoS.AT_LEAST_ONCE, false, 4, "never retained");
            try (RawClient subscriber = connect(broker, "ret-keep-sub")) {
                subscribe(subscriber, "ret/+", QoS.AT_LEAST_ONCE);
                Received received = receiveAndAck(subscriber);
                assertThat(received.topic()).isEqualTo("ret/keep");
                assertThat(received.payload()).isEqualTo("keep");
                assertThat(received.retain()).isTrue();
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-3] [MQTT-3.3.1-8] the DUP flag of the retained PUBLISH is not kept: the retained copy goes out with DUP=0")
    void dupNotKeptWithRetained() {
        try (RawClient publisher = connect(broker, "ret-dup-pub")) {
            publisher.send(publishPacket("ret/dup", QoS.AT_LEAST_ONCE, true, true, 5, "dup"));
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(5);
            try (RawClient subscriber = connect(broker, "ret-dup-sub")) {
                subscribe(subscriber, "ret/dup", QoS.AT_LEAST_ONCE);
                Received received = receiveAndAck(subscriber);
                assertThat(received.retain()).isTrue();
                assertThat(received.dup()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-6] [MQTT-4.7.2-1] wildcard filters find retained messages at any depth ('a/#' includes 'a'), but '#' and '+/...' skip '$' topics")
    void retainedMatchedByWildcards() {
        try (RawClient publisher = connect(broker, "ret-wild-pub")) {
            for (String topic : List.of("rw", "rw/a", "rw/a/b", "rw/c/b", "$rw/a", "other")) {
                publish(publisher, topic, QoS.AT_LEAST_ONCE, true, 1, topic);
            }
            assertThat(retainedTopics("rw/#")).containsExactlyInAnyOrder("rw", "rw/a", "rw/a/b", "rw/c/b");
            assertThat(retainedTopics("rw/+/b")).containsExactlyInAnyOrder("rw/a/b", "rw/c/b");
            assertThat(retainedTopics("+/a")).containsExactlyInAnyOrder("rw/a");
            assertThat(retainedTopics("$rw/+")).containsExactlyInAnyOrder("$rw/a");
            // '#' also must not pick up the broker's own retained $SYS topics
            assertThat(retainedTopics("#")).containsExactlyInAnyOrder("rw", "rw/a", "rw/a/b", "rw/c/b", "other");
        }
    }

    /** The topics of the retained messages a new subscription to {@code filter} receives. */
    private List<String> retainedTopics(String filter) {
        try (RawClient subscriber = connect(broker, "ret-wild-sub")) {
            subscribe(subscriber, filter, QoS.AT_LEAST_ONCE);
            subscriber.send(io.tern.codec.packet.PingReq.INSTANCE);
            List<String> topics = new java.util.ArrayList<>();
            while (true) {
                io.tern.codec.packet.MqttPacket packet = subscriber.receive(io.tern.codec.packet.MqttPacket.class);
                if (packet instanceof io.tern.codec.packet.PingResp) {
                    return topics;
                }
                io.tern.codec.packet.Publish publish = (io.tern.codec.packet.Publish) packet;
                assertThat(publish.retained()).isTrue();
                topics.add(publish.topic());
                if (publish.qos() == QoS.AT_LEAST_ONCE) {
                    subscriber.send(new PubAck(publish.packetId()));
                }
                publish.release();
            }
        }
    }
}
