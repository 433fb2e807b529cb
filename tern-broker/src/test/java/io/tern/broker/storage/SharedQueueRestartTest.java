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
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message queued for a member of a shared subscription stays the group's across a restart. */
class SharedQueueRestartTest {
    private static final String SHARED = "$share/g/q";

    @TempDir
    Path data;

    @Test
    @DisplayName("a message queued for a shared subscription member before a restart goes to another "
            + "member when its session ends after the restart")
    void queuedSharedMessageGoesBackToItsGroupAfterRestart() {
        try (TernBroker broker = start(data, BrokerConfig.defaults(), SyncPolicy.always())) {
            for (String member : List.of("a", "b")) {
                try (RawClient client = connect(broker, V5Flows.connectPacket(member, true, 600, null))) {
                    client.send(new Subscribe(1, List.of(new Subscription(SHARED, QoS.AT_LEAST_ONCE)),
                            MqttProperties.EMPTY));
                    client.receive(Suback.class);
                }
                awaitDetached(broker, member);
            }
            try (RawClient publisher = connect(broker, V5Flows.connectPacket("pub", true, 0, null))) {
                for (int i = 1; i <= 2; i++) { // one each: both members are offline, so they take turns
                    publisher.send(publishPacket("q", QoS.AT_LEAST_ONCE, false, false, i, "m" + i));
                    publisher.receive(PubAck.class);
                }
            }
        }
        try (RocksDbStorage storage = new RocksDbStorage(data)) {
            StoredSession a = storage.sessions().load().stream()
                    .filter(session -> session.clientId().equals("a")).findFirst().orElseThrow();
            assertThat(a.messages()).singleElement().satisfies(stored -> {
                assertThat(stored.sharedFilter()).isEqualTo(SHARED);
                stored.message().release();
            });
        }

        try (TernBroker broker = start(data, BrokerConfig.defaults(), SyncPolicy.always())) {
            // a clean start ends a's session
            connect(broker, V5Flows.connectPacket("a", true, 0, null)).close();
            try (RawClient b = new RawClient(broker.port()).version(MqttVersion.V5)) {
                b.send(V5Flows.connectPacket("b", false, 600, null));
                assertThat(b.receive(Connack.class).sessionPresent()).isTrue();
                List<String> received = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Publish publish = b.receive(Publish.class);
                    received.add(publish.payload().toString(StandardCharsets.UTF_8));
                    b.send(new PubAck(publish.packetId()));
                }
                assertThat(received).containsExactlyInAnyOrder("m1", "m2");
            }
        }
    }


}
