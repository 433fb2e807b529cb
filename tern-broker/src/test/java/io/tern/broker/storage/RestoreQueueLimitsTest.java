package io.tern.broker.storage;

import static io.tern.broker.storage.DurableBrokers.connect;
import static io.tern.broker.storage.DurableBrokers.start;
import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.TernBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.V5Flows;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker restarted with lower queue limits applies them to the queues it restores, as the live
 * path would have: the oldest messages stay, the newest beyond the limits go, from the store too.
 */
class RestoreQueueLimitsTest {
    @TempDir
    Path data;

    @Test
    @DisplayName("max-queued-messages lowered across a restart: the restored queue keeps its oldest messages")
    void lowerMessageLimitDropsTheNewestAtRestore() {
        queueFiveMessages();

        restartAndExpect(BrokerConfig.builder().maxQueuedMessages(2).build(), "m1", "m2");
        assertThat(storedMessagesOf("sub")).as("the dropped messages are gone from the store too").isZero();
    }

    @Test
    @DisplayName("max-queued-bytes lowered across a restart: the restored queue keeps what fits, oldest first")
    void lowerByteLimitDropsTheNewestAtRestore() {
        queueFiveMessages();
        long threeMessages = 3L * ("q".length() + "m1".length());

        restartAndExpect(BrokerConfig.builder().maxQueuedBytes(threeMessages).build(), "m1", "m2", "m3");
        assertThat(storedMessagesOf("sub")).isZero();
    }

    private void queueFiveMessages() {
        try (TernBroker broker = start(data, BrokerConfig.defaults(), SyncPolicy.always())) {
            try (RawClient subscriber = connect(broker, V5Flows.connectPacket("sub", true, 600, null))) {
                subscriber.send(new Subscribe(1, List.of(new Subscription("q", QoS.AT_LEAST_ONCE)),
                        MqttProperties.EMPTY));
                subscriber.receive(Suback.class);
            }
            awaitDetached(broker, "sub");
            try (RawClient publisher = connect(broker, V5Flows.connectPacket("pub", true, 0, null))) {
                for (int i = 1; i <= 5; i++) {
                    publisher.send(publishPacket("q", QoS.AT_LEAST_ONCE, false, false, i, "m" + i));
                    publisher.receive(PubAck.class);
                }
            }
        }
    }

    /** Restarts with {@code config}; the subscriber gets {@code expected}, then the next message published. */
    private void restartAndExpect(BrokerConfig config, String... expected) {
        try (TernBroker broker = start(data, config, SyncPolicy.always());
             RawClient subscriber = new RawClient(broker.port()).version(MqttVersion.V5)) {
            subscriber.send(V5Flows.connectPacket("sub", false, 600, null));
            assertThat(subscriber.receive(Connack.class).sessionPresent()).isTrue();
            for (String payload : expected) {
                Publish publish = subscriber.receive(Publish.class);
                assertThat(publish.payload().toString(StandardCharsets.UTF_8)).isEqualTo(payload);
                subscriber.send(new PubAck(publish.packetId()));
            }
            try (RawClient publisher = connect(broker, V5Flows.connectPacket("pub", true, 0, null))) {
                publisher.send(publishPacket("q", QoS.AT_LEAST_ONCE, false, false, 1, "after"));
                publisher.receive(PubAck.class);
            }
            Publish next = subscriber.receive(Publish.class);
            assertThat(next.payload().toString(StandardCharsets.UTF_8))
                    .as("the messages beyond the limits were dropped").isEqualTo("after");
            subscriber.send(new PubAck(next.packetId()));
            subscriber.send(PingReq.INSTANCE);
            subscriber.receive(PingResp.class); // the PUBACK before it is handled
        }
    }

    private int storedMessagesOf(String clientId) {
        try (RocksDbStorage storage = new RocksDbStorage(data)) {
            StoredSession session = storage.sessions().load().stream()
                    .filter(stored -> stored.clientId().equals(clientId)).findFirst().orElseThrow();
            session.messages().forEach(message -> {
                if (message.message() != null) {
                    message.message().release();
                }
            });
            return session.messages().size();
        }
    }


}
