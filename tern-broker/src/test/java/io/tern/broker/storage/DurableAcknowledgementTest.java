package io.tern.broker.storage;

import static io.tern.broker.support.Packets.publishPacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.GatedStorage;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.V5Flows;
import io.tern.broker.support.Waits;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.MqttProperties;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a durable storage, acknowledgements wait for the sync that covers what they acknowledge (group
 * commit), and a storage that cannot keep messages makes the broker refuse them instead of losing them.
 */
class DurableAcknowledgementTest {
    private final GatedStorage storage = new GatedStorage(SyncPolicy.always());

    // two event loops: the subscriber's session and the publisher's connection live on different ones
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder.storage(storage).threads(2));

    @Test
    @DisplayName("[MQTT-4.3.2-4] a QoS 1 PUBLISH is acknowledged after the sync that covers the message in the "
            + "offline persistent subscriber's stored queue, not before")
    void pubackWaitsForTheSyncOfTheSubscribersQueue() throws InterruptedException {
        storage.allowSyncs(1); // the SUBACK's
        try (RawClient subscriber = RawFlows.connect(broker, "sub", false)) {
            RawFlows.subscribe(subscriber, "t", QoS.AT_LEAST_ONCE);
        }
        Waits.awaitDetached(broker.broker(), "sub");
        // the subscriber's event loop is held up: the message reaches its stored queue late
        CountDownLatch holdUp = new CountDownLatch(1);
        broker.broker().sessions().get("sub").execute(() -> awaitQuietly(holdUp));
        try (RawClient publisher = RawFlows.connect(broker, "pub", true)) {
            publisher.send(publishPacket("t", QoS.AT_LEAST_ONCE, false, false, 7, "durable"));
            publisher.send(PingReq.INSTANCE);
            assertThat(publisher.receive()).as("PINGRESP comes while the PUBACK waits").isInstanceOf(PingResp.class);
            holdUp.countDown();
            await().atMost(Waits.TIMEOUT).until(() -> storage.syncsStarted() == 2);
            assertThat(storage.messagesAtLastSync("sub")).as("stored for the subscriber before the sync").isEqualTo(1);
            RawFlows.assertNothingPendingBeforePing(publisher);

            storage.allowSyncs(1);
            assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(7);
        } finally {
            holdUp.countDown();
        }
    }

    /** Checks that nothing reaches the client until the sync {@code number} has begun, then lets it end. */
    private void heldUntilSync(int number, RawClient client) {
        await().atMost(Waits.TIMEOUT).until(() -> storage.syncsStarted() == number);
        RawFlows.assertNothingPendingBeforePing(client);
        storage.allowSyncs(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("[MQTT-4.3.3-8] [MQTT-4.3.3-11] PUBREC and PUBCOMP each wait for a sync of the state they answer")
    void pubrecAndPubcompWaitForASync() {
        try (RawClient publisher = RawFlows.connect(broker, "pub", false)) {
            publisher.send(publishPacket("t", QoS.EXACTLY_ONCE, false, false, 9, "once"));
            heldUntilSync(1, publisher);
            assertThat(publisher.receive(PubRec.class).packetId()).isEqualTo(9);

            publisher.send(new PubRel(9));
            heldUntilSync(2, publisher);
            assertThat(publisher.receive(PubComp.class).packetId()).isEqualTo(9);
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.4-1] [MQTT-3.10.4-4] SUBACK and UNSUBACK of a persistent session wait for the sync of "
            + "its subscriptions")
    void subackAndUnsubackWaitForASync() {
        try (RawClient client = RawFlows.connect(broker, "persistent", false)) {
            client.send(new Subscribe(1, List.of(new Subscription("a/#", QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY));
            heldUntilSync(1, client);
            assertThat(client.receive(Suback.class).packetId()).isEqualTo(1);

            client.send(new Unsubscribe(2, List.of("a/#"), MqttProperties.EMPTY));
            heldUntilSync(2, client);
            assertThat(client.receive(Unsuback.class).packetId()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("acknowledgements waiting at the same time share one sync, and keep their order")
    void waitingAcknowledgementsShareOneSync() {
        try (RawClient publisher = RawFlows.connect(broker, "pub", true)) {
            publisher.send(publishPacket("t", QoS.AT_LEAST_ONCE, false, false, 1, "first"));
            await().atMost(Waits.TIMEOUT).until(() -> storage.syncsStarted() == 1);
            for (int packetId = 2; packetId <= 20; packetId++) {
                publisher.send(publishPacket("t", QoS.AT_LEAST_ONCE, false, false, packetId, "more"));
            }
            RawFlows.assertNothingPendingBeforePing(publisher); // all 19 read and waiting
            storage.allowSyncs(2);
            for (int packetId = 1; packetId <= 20; packetId++) {
                assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(packetId);
            }
            assertThat(storage.syncsStarted()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("[MQTT-3.4.2-1] [MQTT-3.5.2-1] a storage that keeps nothing more: MQTT 5 QoS 1 and 2 PUBLISH "
            + "refused with 0x97 quota exceeded and not delivered; QoS 0 still delivered")
    void aFailedStorageRefusesQos1And2WithQuotaExceeded() {
        storage.allowAllSyncs();
        try (RawClient subscriber = V5Flows.connect(broker, "sub");
             RawClient publisher = V5Flows.connect(broker, "pub")) {
            subscriber.send(new Subscribe(1, List.of(new Subscription("t", QoS.EXACTLY_ONCE)), MqttProperties.EMPTY));
            subscriber.receive(Suback.class);
            storage.failWrites();

            publisher.send(publishPacket("t", QoS.AT_LEAST_ONCE, false, false, 3, "refused"));
            PubAck puback = publisher.receive(PubAck.class);
            assertThat(puback.packetId()).isEqualTo(3);
            assertThat(puback.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
            publisher.send(publishPacket("t", QoS.EXACTLY_ONCE, false, false, 4, "refused"));
            PubRec pubrec = publisher.receive(PubRec.class);
            assertThat(pubrec.packetId()).isEqualTo(4);
            assertThat(pubrec.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
            publisher.send(publishPacket("t", QoS.AT_MOST_ONCE, false, false, 0, "qos 0"));

            assertThat(RawFlows.receivePublish(subscriber).payload()).isEqualTo("qos 0");
        }
    }

    @Test
    @DisplayName("[MQTT-3.4.2-1] a sync that fails: the QoS 1 PUBLISH it was to cover is refused with 0x97")
    void aFailedSyncRefusesWhatItWasToCover() {
        storage.failSyncs();
        storage.allowAllSyncs();
        try (RawClient publisher = V5Flows.connect(broker, "pub")) {
            publisher.send(publishPacket("t", QoS.AT_LEAST_ONCE, false, false, 5, "unsynced"));
            PubAck puback = publisher.receive(PubAck.class);
            assertThat(puback.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
        }
    }

    @Test
    @DisplayName("a storage that keeps nothing more: an MQTT 3.1.1 QoS 1 PUBLISH, which cannot be refused, "
            + "closes the connection")
    void aFailedStorageClosesAnMqtt3PublishersConnection() {
        storage.allowAllSyncs();
        try (RawClient publisher = RawFlows.connect(broker, "pub", true)) {
            storage.failWrites();
            publisher.send(publishPacket("t", QoS.AT_LEAST_ONCE, false, false, 3, "refused"));
            assertThat(publisher.closedWithoutData()).isTrue();
        }
    }
}
