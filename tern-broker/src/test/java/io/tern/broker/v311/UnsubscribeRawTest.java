package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UNSUBSCRIBE and UNSUBACK (sections 3.10 and 3.11), byte-exact with raw clients. */
class UnsubscribeRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @ParameterizedTest(name = "first byte {0}")
    @ValueSource(strings = {"a0", "a1", "a3", "a8", "af"})
    @DisplayName("[MQTT-3.10.1-1] an UNSUBSCRIBE whose fixed-header flags are not 0010 closes the connection without UNSUBACK")
    void badFlagsClose(String firstByte) {
        try (RawClient client = connect(broker, "unsub-flags")) {
            subscribe(client, "a/b", QoS.AT_MOST_ONCE);
            client.sendHex(firstByte + " 07 00 02 00 03 61 2f 62"); // identifier 2, "a/b"
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.3-2] an UNSUBSCRIBE without any topic filter closes the connection without UNSUBACK")
    void emptyUnsubscribeCloses() {
        try (RawClient client = connect(broker, "unsub-empty")) {
            client.sendHex("a2 02 00 01");
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-4] [MQTT-3.10.4-5] UNSUBACK with the same identifier, even when no subscription matched")
    void unsubackEvenWithoutMatch() {
        try (RawClient client = connect(broker, "unsub-nothing")) {
            client.send(new Unsubscribe(0x4242, List.of("never/subscribed"), MqttProperties.EMPTY));
            Unsuback unsuback = client.receive(Unsuback.class);
            assertThat(unsuback.packetId()).isEqualTo(0x4242);
            assertThat(unsuback.reasonCodes()).isEmpty(); // MQTT 3.1.1: the identifier only
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-1] [MQTT-3.10.4-2] filters are compared character by character: 'u/a' leaves 'u/+' in place; 'u/+' removes it and delivery stops")
    void exactFilterComparison() {
        try (RawClient subscriber = connect(broker, "unsub-exact");
             RawClient publisher = connect(broker, "unsub-exact-pub")) {
            subscribe(subscriber, "u/+", QoS.AT_LEAST_ONCE);
            subscribe(subscriber, 2, new Subscription("marker", QoS.AT_LEAST_ONCE));

            subscriber.send(new Unsubscribe(3, List.of("u/a", "U/+", "u/#", "+/+"), MqttProperties.EMPTY));
            assertThat(subscriber.receive(Unsuback.class).packetId()).isEqualTo(3);
            publish(publisher, "u/a", QoS.AT_LEAST_ONCE, "still subscribed");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("still subscribed");

            subscriber.send(new Unsubscribe(4, List.of("u/+"), MqttProperties.EMPTY));
            assertThat(subscriber.receive(Unsuback.class).packetId()).isEqualTo(4);
            publish(publisher, "u/a", QoS.AT_LEAST_ONCE, "after unsubscribe");
            publish(publisher, "marker", QoS.AT_LEAST_ONCE, "marker");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-6] [MQTT-3.10.4-2] several filters in one UNSUBSCRIBE: each removed, one UNSUBACK")
    void severalFilters() {
        try (RawClient subscriber = connect(broker, "unsub-several");
             RawClient publisher = connect(broker, "unsub-several-pub")) {
            subscribe(subscriber, 1,
                    new Subscription("x/1", QoS.AT_LEAST_ONCE),
                    new Subscription("x/2", QoS.EXACTLY_ONCE),
                    new Subscription("keep", QoS.AT_LEAST_ONCE));
            subscriber.send(new Unsubscribe(9, List.of("x/1", "nothing/here", "x/2"), MqttProperties.EMPTY));
            assertThat(subscriber.receive(Unsuback.class).packetId()).isEqualTo(9);
            assertNothingPendingBeforePing(subscriber); // a single UNSUBACK

            publish(publisher, "x/1", QoS.AT_LEAST_ONCE, "one");
            publish(publisher, "x/2", QoS.EXACTLY_ONCE, "two");
            publish(publisher, "keep", QoS.AT_LEAST_ONCE, "kept");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("kept");
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-3] QoS 1 and 2 deliveries already started when the client unsubscribes are completed")
    void inFlightDeliveriesComplete() {
        try (RawClient subscriber = connect(broker, "unsub-inflight");
             RawClient publisher = connect(broker, "unsub-inflight-pub")) {
            subscribe(subscriber, "f/#", QoS.EXACTLY_ONCE);
            publish(publisher, "f/1", QoS.AT_LEAST_ONCE, "q1");
            publish(publisher, "f/2", QoS.EXACTLY_ONCE, "q2");
            Map<String, Received> received = List.of(receivePublish(subscriber), receivePublish(subscriber)).stream()
                    .collect(Collectors.toMap(Received::payload, Function.identity()));
            assertThat(received).containsOnlyKeys("q1", "q2");

            subscriber.send(new Unsubscribe(7, List.of("f/#"), MqttProperties.EMPTY));
            assertThat(subscriber.receive(Unsuback.class).packetId()).isEqualTo(7);

            int q2 = received.get("q2").packetId();
            subscriber.send(new PubRec(q2));
            assertThat(subscriber.receive(PubRel.class).packetId()).isEqualTo(q2);
            subscriber.send(new PubComp(q2));
            subscriber.send(new PubAck(received.get("q1").packetId()));
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @Test
    @DisplayName("[MQTT-3.10.4-3] [MQTT-3.3.1-1] [MQTT-2.3.1-4] a QoS 1 delivery started before UNSUBSCRIBE is still completed after the client reconnects: resent with DUP=1 and its identifier")
    void inFlightDeliveryCompletesAcrossReconnect() {
        try (RawClient publisher = connect(broker, "unsub-resume-pub")) {
            int q1;
            try (RawClient subscriber = connect(broker, "unsub-resume", false)) {
                subscribe(subscriber, "g/#", QoS.AT_LEAST_ONCE);
                publish(publisher, "g/1", QoS.AT_LEAST_ONCE, "started");
                Received started = receivePublish(subscriber); // not acknowledged
                q1 = started.packetId();
                subscriber.send(new Unsubscribe(2, List.of("g/#"), MqttProperties.EMPTY));
                assertThat(subscriber.receive(Unsuback.class).packetId()).isEqualTo(2);
            }
            awaitDetached(broker.broker(), "unsub-resume");
            try (RawClient again = broker.rawClient()) {
                Connack connack = connack(again, "unsub-resume", false);
                assertThat(connack.sessionPresent()).isTrue();
                Received resent = receivePublish(again);
                assertThat(resent.payload()).isEqualTo("started");
                assertThat(resent.packetId()).as("same identifier on re-send").isEqualTo(q1);
                assertThat(resent.dup()).as("a re-delivery").isTrue();
                again.send(new PubAck(resent.packetId()));
                publish(publisher, "g/1", QoS.AT_LEAST_ONCE, "after");
                assertNothingPendingBeforePing(again);
            }
        }
    }
}
