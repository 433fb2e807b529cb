package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.broker.support.SysTopicValues;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code BrokerConfig.maxQueuedMessages} = 3: what does not fit in a session's queue is dropped
 * (the newest messages) and counted in {@code $SYS/broker/publish/messages/dropped}.
 */
class QueueBoundsTest {
    private static final String DROPPED = "$SYS/broker/publish/messages/dropped";

    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(
            BrokerConfig.builder().maxQueuedMessages(3).sysInterval(Duration.ofMillis(200)).build());

    @Test
    @DisplayName("maxQueuedMessages 3: of 5 messages published while a persistent subscriber is away, the first 3 are delivered; 2 are counted as dropped")
    void offlineQueueBounded() {
        try (RawClient publisher = connect(broker, "bound-pub")) {
            try (RawClient subscriber = connect(broker, "bound-sub", false)) {
                subscribe(subscriber, "bound/t", QoS.AT_LEAST_ONCE);
                disconnect(subscriber);
            }
            awaitDetached(broker.broker(), "bound-sub");
            for (int i = 0; i < 5; i++) {
                publish(publisher, "bound/t", QoS.AT_LEAST_ONCE, false, i + 1, "m" + i);
            }
            try (RawClient subscriber = broker.rawClient()) {
                assertThat(connack(subscriber, "bound-sub", false).sessionPresent()).isTrue();
                List<Received> received = receiveAndAck(subscriber, 3);
                assertThat(received).extracting(Received::payload).containsExactly("m0", "m1", "m2");
                publish(publisher, "bound/t", QoS.AT_LEAST_ONCE, false, 9, "marker");
                assertThat(receiveAndAck(subscriber).payload()).isEqualTo("marker");
            }
            awaitDroppedCounter(2);
        }
    }

    @Test
    @DisplayName("maxQueuedMessages 3: a connected subscriber that stops acknowledging gets its window (32) plus 3 queued; the rest are dropped and counted")
    void queueBehindFullWindowBounded() {
        int window = BrokerConfig.builder().build().maxInflight();
        try (RawClient subscriber = connect(broker, "bound-win-sub");
             RawClient publisher = connect(broker, "bound-win-pub")) {
            subscribe(subscriber, "bound/w", QoS.AT_LEAST_ONCE);
            int published = window + 3 + 5;
            for (int i = 0; i < published; i++) {
                publish(publisher, "bound/w", QoS.AT_LEAST_ONCE, false, i + 1, "m" + i);
            }
            List<Received> inFlight = new ArrayList<>();
            for (int i = 0; i < window; i++) {
                inFlight.add(receivePublish(subscriber));
            }
            assertNothingPendingBeforePing(subscriber);
            for (Received r : inFlight) {
                subscriber.send(new PubAck(r.packetId()));
            }
            List<Received> queued = receiveAndAck(subscriber, 3);
            assertThat(queued).extracting(Received::payload)
                    .containsExactly("m" + window, "m" + (window + 1), "m" + (window + 2));
            publish(publisher, "bound/w", QoS.AT_LEAST_ONCE, false, 1, "marker");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("marker");
            awaitDroppedCounter(5);
        }
    }

    private void awaitDroppedCounter(long expected) {
        SysTopicValues.awaitValue(broker, DROPPED, Long.toString(expected));
    }
}
