package io.tern.broker.storage;

import static io.tern.broker.storage.DurableBrokers.connect;
import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.TernBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.V5Flows;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RocksDB storage whose writes really fail: its quota is reached, as a disk fills up, while a
 * persistent subscriber's queue grows. The broker then refuses what it can no longer keep.
 */
class StorageQuotaTest {
    private static final long QUOTA_BYTES = 256 << 10;
    /** Incompressible, so that the queued messages fill the quota. */
    private static final String PAYLOAD = randomText(8 << 10);

    @TempDir
    Path data;
    private RocksDbStorage storage;
    private TernBroker broker;

    @BeforeEach
    void start() {
        storage = new RocksDbStorage(data, SyncPolicy.always(), QUOTA_BYTES);
        broker = TernBroker.builder().listen("127.0.0.1", 0).storage(storage).build();
        broker.start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    @DisplayName("[MQTT-3.4.2-1] the quota reached: MQTT 5 QoS 1 and 2 PUBLISH refused with 0x97, QoS 0 still "
            + "delivered, an MQTT 3.1.1 QoS 1 publisher disconnected")
    void aFullStorageRefusesWhatItCannotKeep() {
        try (RawClient offline = connect(broker, V5Flows.connectPacket("offline", true, 600, null))) {
            offline.send(new Subscribe(1, List.of(new Subscription("t", QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY));
            offline.receive(Suback.class);
        }
        awaitDetached(broker, "offline");

        try (RawClient live = connect(broker, V5Flows.connectPacket("live", true, 0, null));
             RawClient publisher = connect(broker, V5Flows.connectPacket("pub", true, 0, null))) {
            live.send(new Subscribe(1, List.of(new Subscription("qos0", QoS.AT_MOST_ONCE)), MqttProperties.EMPTY));
            live.receive(Suback.class);
            int accepted = 0;
            ReasonCode reason = ReasonCode.SUCCESS;
            // the quota holds about 32 of these messages; far more are tried before giving up
            for (int packetId = 1; packetId <= 2000 && reason == ReasonCode.SUCCESS; packetId++) {
                publisher.send(publishPacket("t", QoS.AT_LEAST_ONCE, false, false, packetId, PAYLOAD));
                reason = publisher.receive(PubAck.class).reasonCode();
                accepted += reason == ReasonCode.SUCCESS ? 1 : 0;
            }
            assertThat(reason).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
            assertThat(accepted).as("messages stored before the quota was reached").isPositive();
            assertThat(storage.failure()).hasMessageContaining(data.toString())
                    .hasMessageContaining("Max allowed space was reached");

            publisher.send(publishPacket("t", QoS.EXACTLY_ONCE, false, false, 1, "refused"));
            assertThat(publisher.receive(PubRec.class).reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
            publisher.send(publishPacket("qos0", QoS.AT_MOST_ONCE, false, false, 0, "still flows"));
            assertThat(RawFlows.receivePublish(live).payload()).isEqualTo("still flows");
        }

        try (RawClient mqtt3 = new RawClient(broker.port())) {
            RawFlows.connack(mqtt3, "pub3", true);
            mqtt3.send(publishPacket("t", QoS.AT_LEAST_ONCE, false, false, 1, "refused"));
            assertThat(mqtt3.closedWithoutData()).isTrue();
        }
    }


    private static String randomText(int length) {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return text.toString();
    }
}
