package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code BrokerConfig.queueQos0}, QoS 0 messages are queued for offline persistent sessions too. */
class QueueOfflineQos0Test {
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().queueQos0(true).build());

    @Test
    @DisplayName("[MQTT-4.6.0-6] queueQos0: QoS 0 messages published while the client is away are queued with the QoS 1 ones, in order")
    void qos0Queued() {
        try (RawClient publisher = connect(broker, "offq0-pub")) {
            try (RawClient subscriber = connect(broker, "offq0-sub", false)) {
                subscribe(subscriber, "offq0/t", QoS.AT_LEAST_ONCE);
                disconnect(subscriber);
            }
            awaitDetached(broker.broker(), "offq0-sub");
            publish(publisher, "offq0/t", QoS.AT_MOST_ONCE, "a");
            publish(publisher, "offq0/t", QoS.AT_LEAST_ONCE, false, 1, "b");
            publish(publisher, "offq0/t", QoS.AT_MOST_ONCE, "c");
            try (RawClient subscriber = broker.rawClient()) {
                assertThat(connack(subscriber, "offq0-sub", false).sessionPresent()).isTrue();
                List<Received> received = receiveAndAck(subscriber, 3);
                assertThat(received).extracting(Received::payload, Received::qos).containsExactly(
                        tuple("a", QoS.AT_MOST_ONCE), tuple("b", QoS.AT_LEAST_ONCE), tuple("c", QoS.AT_MOST_ONCE));
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }
}
