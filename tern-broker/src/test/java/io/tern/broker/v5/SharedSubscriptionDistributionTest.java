package io.tern.broker.v5;

import static io.tern.broker.support.Waits.TIMEOUT;
import static io.tern.broker.v5.SharedSubscriptionFlows.connectPersistentV5;
import static io.tern.broker.v5.SharedSubscriptionFlows.connectV5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.tern.broker.support.Clients;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.RawFlows.Received;
import io.tern.broker.support.Waits;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shared subscription, {@code $share/{ShareName}/{filter}}, gives each matching message to one
 * member of its group, choosing round robin among the members that can take it at once; other
 * groups and non-shared subscriptions get their own copies.
 */
class SharedSubscriptionDistributionTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("100 messages spread round robin over three MQTT 3.1.1 (Paho) members: each gets some, none twice")
    void roundRobinOverThreePahoMembers() throws Exception {
        List<List<String>> received = new ArrayList<>();
        List<MqttClient> members = new ArrayList<>();
        try {
            for (int m = 0; m < 3; m++) {
                MqttClient member = Clients.connectedPaho(broker, "member-" + m, true);
                members.add(member);
                List<String> mine = new CopyOnWriteArrayList<>();
                received.add(mine);
                member.setCallback(collector(mine));
                member.subscribe("$share/workers/jobs/+", 1);
            }
            try (RawClient publisher = RawFlows.connect(broker, "publisher")) {
                for (int i = 1; i <= 100; i++) {
                    RawFlows.publish(publisher, "jobs/" + i % 7, QoS.AT_LEAST_ONCE, false, i, "m" + i);
                }
            }

            await().atMost(TIMEOUT).until(() -> received.stream().mapToInt(List::size).sum() >= 100);
            List<String> all = new ArrayList<>();
            received.forEach(all::addAll);
            assertThat(all).hasSize(100).doesNotHaveDuplicates();
            assertThat(received).allSatisfy(mine -> assertThat(mine).isNotEmpty());
        } finally {
            members.forEach(Clients::closeQuietly);
        }
    }

    @Test
    @DisplayName("a member whose window is full (Receive Maximum 1, no PUBACK) is skipped while another has room")
    void memberWithFullWindowIsSkipped() {
        try (RawClient full = connectV5(broker, "full", 1);
             RawClient roomy = connectV5(broker, "roomy");
             RawClient publisher = RawFlows.connect(broker, "publisher")) {
            RawFlows.subscribe(full, "$share/g/work", QoS.AT_LEAST_ONCE);
            RawFlows.subscribe(roomy, "$share/g/work", QoS.AT_LEAST_ONCE);
            // both have room: the first two messages go one to each, in turn
            RawFlows.publish(publisher, "work", QoS.AT_LEAST_ONCE, false, 1, "m1");
            RawFlows.publish(publisher, "work", QoS.AT_LEAST_ONCE, false, 2, "m2");
            Received atFull = RawFlows.receivePublish(full); // not acknowledged: its window is full now
            Received atRoomy = RawFlows.receiveAndAck(roomy);
            for (int i = 3; i <= 10; i++) {
                RawFlows.publish(publisher, "work", QoS.AT_LEAST_ONCE, false, i, "m" + i);
            }

            List<Received> rest = RawFlows.receiveAndAck(roomy, 8);
            List<String> payloads = new ArrayList<>(List.of(atFull.payload(), atRoomy.payload()));
            rest.forEach(message -> payloads.add(message.payload()));
            assertThat(payloads).containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9",
                    "m10");
            RawFlows.assertNothingPendingBeforePing(full);
        }
    }

    @Test
    @DisplayName("an offline member (persistent session) is skipped while another is online")
    void offlineMemberIsSkipped() {
        try (RawClient offline = connectPersistentV5(broker, "offline", true)) {
            RawFlows.subscribe(offline, "$share/g/work", QoS.AT_LEAST_ONCE);
            RawFlows.disconnect(offline);
        }
        Waits.awaitDetached(broker.broker(), "offline");
        try (RawClient online = connectV5(broker, "online");
             RawClient publisher = RawFlows.connect(broker, "publisher")) {
            RawFlows.subscribe(online, "$share/g/work", QoS.AT_LEAST_ONCE);
            for (int i = 1; i <= 5; i++) {
                RawFlows.publish(publisher, "work", QoS.AT_LEAST_ONCE, false, i, "m" + i);
            }

            assertThat(RawFlows.receiveAndAck(online, 5)).extracting(Received::payload)
                    .containsExactly("m1", "m2", "m3", "m4", "m5");
        }
    }

    @Test
    @DisplayName("a message to a group whose members are all offline waits in one member's session")
    void allMembersOfflineQueues() {
        try (RawClient member = connectPersistentV5(broker, "member", true)) {
            RawFlows.subscribe(member, "$share/g/work", QoS.AT_LEAST_ONCE);
            RawFlows.disconnect(member);
        }
        Waits.awaitDetached(broker.broker(), "member");
        SharedSubscriptionFlows.publish(broker, "work", "while away");

        try (RawClient member = connectPersistentV5(broker, "member", false)) {
            assertThat(RawFlows.receiveAndAck(member).payload()).isEqualTo("while away");
        }
    }

    @Test
    @DisplayName("two groups on the same filter each get every message")
    void twoGroupsEachGetEveryMessage() {
        try (RawClient first = connectV5(broker, "first");
             RawClient second = connectV5(broker, "second");
             RawClient publisher = RawFlows.connect(broker, "publisher")) {
            RawFlows.subscribe(first, "$share/one/news/#", QoS.AT_LEAST_ONCE);
            RawFlows.subscribe(second, "$share/two/news/#", QoS.AT_LEAST_ONCE);
            for (int i = 1; i <= 5; i++) {
                RawFlows.publish(publisher, "news/" + i, QoS.AT_LEAST_ONCE, false, i, "m" + i);
            }

            assertThat(RawFlows.receiveAndAck(first, 5)).extracting(Received::payload)
                    .containsExactly("m1", "m2", "m3", "m4", "m5");
            assertThat(RawFlows.receiveAndAck(second, 5)).extracting(Received::payload)
                    .containsExactly("m1", "m2", "m3", "m4", "m5");
        }
    }

    @Test
    @DisplayName("a session with a shared and a non-shared subscription matching a message gets it through both")
    void sharedAndNonSharedSubscriptionsOfOneSession() {
        try (RawClient member = connectV5(broker, "member")) {
            RawFlows.subscribe(member, "$share/g/a/#", QoS.AT_LEAST_ONCE);
            RawFlows.subscribe(member, "a/#", QoS.AT_LEAST_ONCE);
            SharedSubscriptionFlows.publish(broker, "a/b", "twice");

            assertThat(RawFlows.receiveAndAck(member, 2)).extracting(Received::payload)
                    .containsExactly("twice", "twice");
            RawFlows.assertNothingPendingBeforePing(member);
        }
    }

    @Test
    @DisplayName("[MQTT-4.8.2-3] a member granted QoS 0 gets a QoS 1 message at QoS 0")
    void deliveredAtTheMembersGrantedQos() {
        try (RawClient member = connectV5(broker, "member")) {
            RawFlows.subscribe(member, "$share/g/work", QoS.AT_MOST_ONCE);
            SharedSubscriptionFlows.publish(broker, "work", "downgraded");

            Received received = RawFlows.receivePublish(member);
            assertThat(received.payload()).isEqualTo("downgraded");
            assertThat(received.qos()).isEqualTo(QoS.AT_MOST_ONCE);
        }
    }

    @Test
    @DisplayName("a message through a shared subscription carries the subscription identifier of the member that gets it")
    void carriesTheChosenMembersSubscriptionIdentifier() {
        try (RawClient member = connectV5(broker, "member")) {
            member.send(new Subscribe(1, List.of(new Subscription("$share/g/work", QoS.AT_LEAST_ONCE)),
                    MqttProperties.builder().subscriptionIdentifier(7).build()));
            member.receive(Suback.class);
            SharedSubscriptionFlows.publish(broker, "work", "identified");

            Publish publish = member.receive(Publish.class);
            try {
                assertThat(publish.properties().subscriptionIdentifiers()).containsExactly(7);
            } finally {
                publish.release();
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.4-5] a session's shared and plain subscriptions each deliver a copy, each carrying its "
            + "own subscription's identifier")
    void oneCopyPerSubscriptionEachWithItsIdentifier() {
        try (RawClient member = connectV5(broker, "member")) {
            member.send(new Subscribe(1, List.of(new Subscription("$share/g/a/#", QoS.AT_LEAST_ONCE)),
                    MqttProperties.builder().subscriptionIdentifier(5).build()));
            member.receive(Suback.class);
            member.send(new Subscribe(2, List.of(new Subscription("a/#", QoS.AT_LEAST_ONCE)),
                    MqttProperties.builder().subscriptionIdentifier(6).build()));
            member.receive(Suback.class);
            SharedSubscriptionFlows.publish(broker, "a/b", "copied");

            List<List<Integer>> identifiers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Publish publish = member.receive(Publish.class);
                try {
                    identifiers.add(publish.properties().subscriptionIdentifiers());
                    member.send(new PubAck(publish.packetId()));
                } finally {
                    publish.release();
                }
            }
            assertThat(identifiers).containsExactlyInAnyOrder(List.of(5), List.of(6));
        }
    }

    @Test
    @DisplayName("MQTT 5 members (HiveMQ MQTT Client) share the messages of their group")
    void hiveMqMembersReceive() {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        List<Mqtt5BlockingClient> members = new ArrayList<>();
        try {
            for (int m = 0; m < 2; m++) {
                Mqtt5BlockingClient member = com.hivemq.client.mqtt.MqttClient.builder()
                        .useMqttVersion5()
                        .identifier("hive-" + m)
                        .serverHost("127.0.0.1")
                        .serverPort(broker.port())
                        .buildBlocking();
                members.add(member);
                member.toAsync().publishes(MqttGlobalPublishFilter.ALL,
                        publish -> received.add(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)));
                member.connect();
                member.subscribeWith().topicFilter("$share/hive/sensors/+").qos(MqttQos.AT_LEAST_ONCE).send();
            }
            try (RawClient publisher = RawFlows.connect(broker, "publisher")) {
                for (int i = 1; i <= 20; i++) {
                    RawFlows.publish(publisher, "sensors/" + i % 3, QoS.AT_LEAST_ONCE, false, i, "m" + i);
                }
            }

            await().atMost(TIMEOUT).until(() -> received.size() >= 20);
            assertThat(received).hasSize(20).doesNotHaveDuplicates();
        } finally {
            for (Mqtt5BlockingClient member : members) {
                if (member.getState().isConnected()) {
                    member.disconnect();
                }
            }
        }
    }

    /** A Paho callback that adds the payload of every message to {@code payloads}. */
    private static MqttCallback collector(List<String> payloads) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                payloads.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }
}
