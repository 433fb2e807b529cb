package io.tern.broker.v5;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publish;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.V5Flows.Received5;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MQTT 5 Message Expiry Interval: a message waiting in the broker ages, is forwarded with what
 * remains of its lifetime, and is dropped once it has none left.
 */
class MessageExpiryTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static MqttProperties expiry(long seconds) {
        return props().set(PropertyId.MESSAGE_EXPIRY_INTERVAL, seconds).build();
    }

    /**
     * Publishes at QoS 1 and returns the time of the PUBACK, which is after the broker stamped the
     * message's expiry.
     */
    private static long publishAcked(RawClient publisher, String topic, boolean retain, MqttProperties properties,
                                     String payload) {
        publish(publisher, topic, QoS.AT_LEAST_ONCE, retain, properties, payload);
        return System.currentTimeMillis();
    }

    /** Waits until the clock has passed {@code millis}: the time under test is the message's age. */
    private static void awaitClockPast(long millis) {
        Awaitility.await().atMost(TIMEOUT).until(() -> System.currentTimeMillis() > millis);
    }

    /** A client with session expiry 60, subscribed to {@code exp/#} at QoS 1, then gone offline. */
    private void offlineSubscriber(String clientId) {
        RawClient client = connect(broker, connectPacket(clientId, true, 60, null));
        subscribe(client, "exp/#", QoS.AT_LEAST_ONCE, 0);
        client.close();
        awaitDetached(broker.broker(), clientId);
    }

    private RawClient resume(String clientId) {
        RawClient client = client(broker);
        assertThat(connack(client, connectPacket(clientId, false, 60, null)).sessionPresent()).isTrue();
        return client;
    }

    @Test
    @DisplayName("[MQTT-3.3.2-6] a message queued for an offline client is forwarded with the expiry interval "
            + "less the time it waited")
    void forwardedExpiryIsWhatRemains() {
        offlineSubscriber("offline");
        long start = System.currentTimeMillis();
        try (RawClient publisher = connect(broker, "publisher")) {
            long acked = publishAcked(publisher, "exp/a", false, expiry(10), "ageing");
            awaitClockPast(acked + 1100);
        }
        try (RawClient client = resume("offline")) {
            Received5 received = receiveAndAck(client);
            long waitedSeconds = (System.currentTimeMillis() - start + 999) / 1000;
            assertThat(received.payload()).isEqualTo("ageing");
            assertThat(received.messageExpiry()).isLessThanOrEqualTo(9).isGreaterThanOrEqualTo(10 - waitedSeconds);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-5] a queued message whose expiry passes before the client returns is never sent")
    void expiredQueuedMessageNotSent() {
        offlineSubscriber("absent");
        try (RawClient publisher = connect(broker, "publisher")) {
            long acked = publishAcked(publisher, "exp/short", false, expiry(1), "expired");
            publishAcked(publisher, "exp/none", false, MqttProperties.EMPTY, "lasting");
            awaitClockPast(acked + 1100);
        }
        try (RawClient client = resume("absent")) {
            Received5 received = receiveAndAck(client);
            assertThat(received.payload()).isEqualTo("lasting");
            assertThat(received.messageExpiry()).as("no expiry when published without one").isEqualTo(-1);
            assertNothingPendingBeforePing(client);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.2-5] [MQTT-3.3.2-6] a retained message expires too; one that has not is sent to new "
            + "subscribers with its remaining lifetime")
    void retainedMessageExpiry() {
        try (RawClient publisher = connect(broker, "publisher")) {
            long acked = publishAcked(publisher, "exp/retained/short", true, expiry(1), "gone");
            publishAcked(publisher, "exp/retained/long", true, expiry(30), "kept");
            awaitClockPast(acked + 1100);
        }
        try (RawClient subscriber = connect(broker, "late")) {
            subscribe(subscriber, "exp/retained/#", QoS.AT_LEAST_ONCE, 0);
            Received5 received = receiveAndAck(subscriber);
            assertThat(received.payload()).isEqualTo("kept");
            assertThat(received.retain()).isTrue();
            assertThat(received.messageExpiry()).isBetween(1L, 29L);
            assertNothingPendingBeforePing(subscriber);
        }
    }
}
