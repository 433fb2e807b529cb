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
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Will;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brokers started one after the other on the same RocksDB data directory. */
class DurableRestartTest {
    @TempDir
    Path data;


    @Test
    @DisplayName("[MQTT-3.1.2-8] [MQTT-3.3.4-9] a will waiting for its delay, a queued message with its subscription "
            + "identifier and a retained message survive a restart on the data directory; the will comes when its "
            + "delay ends")
    void delayedWillQueuedMessageAndRetainedSurviveRestart() {
        MqttProperties willDelay = MqttProperties.builder().set(PropertyId.WILL_DELAY_INTERVAL, 4).build();
        try (TernBroker first = start(data, BrokerConfig.defaults(), SyncPolicy.always())) {
            try (RawClient watcher = connect(first, V5Flows.connectPacket("watcher", true, 600, null))) {
                watcher.send(new Subscribe(1, List.of(new Subscription("will/#", QoS.AT_LEAST_ONCE)),
                        MqttProperties.builder().subscriptionIdentifier(42).build()));
                watcher.receive(Suback.class);
            }
            awaitDetached(first, "watcher");
            try (RawClient publisher = connect(first, V5Flows.connectPacket("publisher", true, 0, null))) {
                publisher.send(publishPacket("will/queued", QoS.AT_LEAST_ONCE, false, false, 1, "queued"));
                publisher.receive(PubAck.class);
                publisher.send(publishPacket("kept", QoS.AT_LEAST_ONCE, true, false, 2, "retained"));
                publisher.receive(PubAck.class);
            }
            // dies without DISCONNECT: its will waits 4 s, longer than this broker lives on
            connect(first, V5Flows.connectPacket("dying", true, 600, new Will("will/dying",
                    "gone".getBytes(StandardCharsets.UTF_8), QoS.AT_LEAST_ONCE, false, willDelay))).close();
            awaitDetached(first, "dying");
        }

        try (TernBroker second = start(data, BrokerConfig.defaults(),
                SyncPolicy.batch(Duration.ofMillis(5)));
             RawClient watcher = new RawClient(second.port()).version(MqttVersion.V5)) {
            watcher.send(V5Flows.connectPacket("watcher", false, 600, null));
            assertThat(watcher.receive(Connack.class).sessionPresent()).isTrue();
            Publish queued = watcher.receive(Publish.class);
            assertThat(queued.topic()).isEqualTo("will/queued");
            assertThat(queued.properties().subscriptionIdentifiers()).containsExactly(42);
            watcher.send(new PubAck(queued.packetId()));
            Publish will = watcher.receive(Publish.class); // within RawClient's 10 s: the delay's end
            assertThat(will.topic()).isEqualTo("will/dying");
            assertThat(will.payload().toString(StandardCharsets.UTF_8)).isEqualTo("gone");
            watcher.send(new PubAck(will.packetId()));

            watcher.send(new Subscribe(2, List.of(new Subscription("kept", QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY));
            watcher.receive(Suback.class);
            Publish retained = watcher.receive(Publish.class);
            assertThat(retained.retained()).isTrue();
            assertThat(retained.payload().toString(StandardCharsets.UTF_8)).isEqualTo("retained");
        }
    }

}
