package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code BrokerConfig.maxQueuedBytes} = 30: a queued message counts its payload and topic, so with
 * topic "qb" (2) and 8-byte payloads three messages fit and the fourth does not.
 */
class QueueByteBoundsTest {
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().maxQueuedBytes(30).build());

    @Test
    @DisplayName("maxQueuedBytes 30: of five 10-byte messages published while a persistent subscriber is away, the first 3 are delivered")
    void offlineQueueBoundedByBytes() {
        try (RawClient publisher = connect(broker, "bytes-pub")) {
            try (RawClient subscriber = connect(broker, "bytes-sub", false)) {
                subscribe(subscriber, "qb", QoS.AT_LEAST_ONCE);
                disconnect(subscriber);
            }
            awaitDetached(broker.broker(), "bytes-sub");
            for (int i = 0; i < 5; i++) {
                publish(publisher, "qb", QoS.AT_LEAST_ONCE, false, i + 1, "message" + i);
            }
            try (RawClient subscriber = broker.rawClient()) {
                assertThat(connack(subscriber, "bytes-sub", false).sessionPresent()).isTrue();
                List<Received> received = receiveAndAck(subscriber, 3);
                assertThat(received).extracting(Received::payload).containsExactly("message0", "message1", "message2");
                publish(publisher, "qb", QoS.AT_LEAST_ONCE, false, 9, "marker");
                assertThat(receiveAndAck(subscriber).payload()).isEqualTo("marker");
            }
        }
    }
}
