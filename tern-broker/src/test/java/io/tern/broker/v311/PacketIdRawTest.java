package io.tern.broker.v311;

import static io.tern.broker.support.Packets.publishPacket;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Packet identifiers (section 2.3.1), byte-exact with a raw client. */
class PacketIdRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-2.3.1-6] [MQTT-3.3.4-1] PUBACK and PUBREC carry the packet identifier of the client's PUBLISH")
    void acknowledgementsCarryTheIdentifier() {
        try (RawClient client = connect(broker, "pid-acks")) {
            client.send(publishPacket("pid/a", QoS.AT_LEAST_ONCE, false, false, 0x1234, "one"));
            assertThat(client.receive(PubAck.class).packetId()).isEqualTo(0x1234);

            client.send(publishPacket("pid/a", QoS.EXACTLY_ONCE, false, false, 0xFFFF, "two"));
            assertThat(client.receive(PubRec.class).packetId()).isEqualTo(0xFFFF);
            client.send(new PubRel(0xFFFF));
            assertThat(client.receive(PubComp.class).packetId()).isEqualTo(0xFFFF);

            // raw bytes: QoS 1 PUBLISH "pid/a" with identifier 0x0A0B, payload "x"
            client.sendHex("32 0a 00 05 70 69 64 2f 61 0a 0b 78");
            assertThat(client.receive(PubAck.class).packetId()).isEqualTo(0x0A0B);
        }
    }

    @Test
    @DisplayName("[MQTT-2.3.1-6] [MQTT-2.3.1-1] the server's PUBREL carries the nonzero identifier of its QoS 2 PUBLISH")
    void serverPubrelCarriesTheIdentifier() {
        try (RawClient subscriber = connect(broker, "pid-sub");
             RawClient publisher = connect(broker, "pid-pub")) {
            subscribe(subscriber, "pid/#", QoS.EXACTLY_ONCE);
            publish(publisher, "pid/q2", QoS.EXACTLY_ONCE, "m");
            Received received = receivePublish(subscriber);
            assertThat(received.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(received.packetId()).isNotZero();
            subscriber.send(new PubRec(received.packetId()));
            assertThat(subscriber.receive(PubRel.class).packetId()).isEqualTo(received.packetId());
            subscriber.send(new PubComp(received.packetId()));
        }
    }

    @Test
    @DisplayName("[MQTT-2.3.1-7] [MQTT-3.8.4-2] [MQTT-3.10.4-4] SUBACK and UNSUBACK carry the identifier of SUBSCRIBE and UNSUBSCRIBE")
    void subackAndUnsubackCarryTheIdentifier() {
        try (RawClient client = connect(broker, "pid-sub-ids")) {
            client.send(new Subscribe(0x0102, List.of(new Subscription("pid/s", QoS.AT_LEAST_ONCE)),
                    MqttProperties.EMPTY));
            assertThat(client.receive(Suback.class).packetId()).isEqualTo(0x0102);
            client.send(new Subscribe(0xFFFF, List.of(new Subscription("pid/t", QoS.AT_MOST_ONCE)),
                    MqttProperties.EMPTY));
            assertThat(client.receive(Suback.class).packetId()).isEqualTo(0xFFFF);

            client.send(new Unsubscribe(0x8001, List.of("pid/s"), MqttProperties.EMPTY));
            assertThat(client.receive(Unsuback.class).packetId()).isEqualTo(0x8001);
            // raw bytes: UNSUBSCRIBE identifier 0x0001, filter "pid/t"
            client.sendHex("a2 09 00 01 00 05 70 69 64 2f 74");
            assertThat(client.receive(Unsuback.class).packetId()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("[MQTT-2.3.1-1] [MQTT-2.3.1-4] the server's QoS 1 and 2 PUBLISH identifiers are nonzero and unique among those in flight")
    void serverIdentifiersAreUniqueInFlight() {
        try (RawClient subscriber = connect(broker, "pid-unique-sub");
             RawClient publisher = connect(broker, "pid-unique-pub")) {
            subscribe(subscriber, "pid/#", QoS.EXACTLY_ONCE);
            for (int i = 0; i < 20; i++) {
                publish(publisher, "pid/" + i, i % 2 == 0 ? QoS.AT_LEAST_ONCE : QoS.EXACTLY_ONCE, false, i + 1,
                        "m" + i);
            }
            List<Received> first = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                first.add(receivePublish(subscriber)); // none acknowledged: all 20 in flight
            }
            Set<Integer> inFlight = new HashSet<>();
            for (Received r : first) {
                assertThat(r.packetId()).isNotZero();
                assertThat(inFlight.add(r.packetId())).as("identifier %d used twice", r.packetId()).isTrue();
            }
            // complete the QoS 1 ones, move the QoS 2 ones to "PUBREL sent": their identifiers stay in use
            for (Received r : first) {
                subscriber.send(r.qos() == QoS.AT_LEAST_ONCE ? new PubAck(r.packetId()) : new PubRec(r.packetId()));
            }
            for (int i = 0; i < 10; i++) {
                assertThat(inFlight).contains(subscriber.receive(PubRel.class).packetId());
            }
            Set<Integer> stillInUse = new HashSet<>();
            first.stream().filter(r -> r.qos() == QoS.EXACTLY_ONCE).forEach(r -> stillInUse.add(r.packetId()));
            for (int i = 0; i < 10; i++) {
                publish(publisher, "pid/more", QoS.AT_LEAST_ONCE, false, 100 + i, "more" + i);
            }
            Set<Integer> second = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                Received r = receivePublish(subscriber);
                assertThat(r.packetId()).isNotZero().isNotIn(stillInUse);
                assertThat(second.add(r.packetId())).isTrue();
            }
        }
    }

    @Test
    @DisplayName("[MQTT-2.3.1-4] after the 16-bit identifiers wrap around, one still unacknowledged is not reused")
    void identifierInUseIsSkippedAfterWrapAround() {
        try (RawClient subscriber = connect(broker, "pid-wrap-sub");
             RawClient publisher = connect(broker, "pid-wrap-pub")) {
            subscribe(subscriber, "wrap", QoS.AT_LEAST_ONCE);
            publish(publisher, "wrap", QoS.AT_LEAST_ONCE, "held");
            Received held = receivePublish(subscriber); // never acknowledged
            assertThat(held.packetId()).isNotZero();

            int total = 0xFFFF + 200; // enough to wrap the identifiers at least once
            int batch = 500;
            int sent = 0;
            int received = 0;
            while (sent < total) {
                int n = Math.min(batch, total - sent);
                List<MqttPacket> packets = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    packets.add(publishPacket("wrap", QoS.AT_LEAST_ONCE, false, false, (sent + i) % 0xFFFF + 1, "w"));
                }
                publisher.sendBytes(encode(packets));
                for (int i = 0; i < n; i++) {
                    publisher.receive(PubAck.class);
                }
                sent += n;
                List<MqttPacket> acks = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Publish publish = subscriber.receive(Publish.class);
                    int id = publish.packetId();
                    publish.release();
                    assertThat(id).as("identifier of delivery %d", received).isNotZero().isNotEqualTo(held.packetId());
                    acks.add(new PubAck(id));
                    if (acks.size() >= 16) {
                        subscriber.sendBytes(encode(acks));
                        acks.clear();
                    }
                    received++;
                }
                subscriber.sendBytes(encode(acks));
            }
            // the held message is still in flight: acknowledging it is accepted and nothing else is pending
            subscriber.send(new PubAck(held.packetId()));
            assertNothingPendingBeforePing(subscriber);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "32 07 00 03 61 2f 62 00 00",          // PUBLISH QoS 1, identifier 0
            "34 07 00 03 61 2f 62 00 00",          // PUBLISH QoS 2, identifier 0
            "82 08 00 00 00 03 61 2f 62 00",       // SUBSCRIBE, identifier 0
            "a2 07 00 00 00 03 61 2f 62"})         // UNSUBSCRIBE, identifier 0
    @DisplayName("[MQTT-2.3.1-1] a packet identifier 0 from the client closes the connection")
    void zeroIdentifierCloses(String packet) {
        try (RawClient client = connect(broker, "pid-zero")) {
            client.sendHex(packet);
            assertThat(client.closedWithoutData()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-2.3.1-5] a QoS 0 PUBLISH has no packet identifier, in either direction")
    void qos0HasNoIdentifier() {
        try (RawClient subscriber = connect(broker, "pid-q0-sub");
             RawClient publisher = connect(broker, "pid-q0-pub")) {
            subscribe(subscriber, "q0", QoS.EXACTLY_ONCE);
            // PUBLISH QoS 0 "q0", payload "hello": the payload follows the topic directly
            publisher.sendHex("30 09 00 02 71 30 68 65 6c 6c 6f");
            Received received = receivePublish(subscriber);
            assertThat(received.qos()).isEqualTo(QoS.AT_MOST_ONCE);
            assertThat(received.packetId()).isZero();
            // had either side put an identifier in, two bytes would be missing from or added to the payload
            assertThat(received.payload()).isEqualTo("hello");
        }
    }

    private static byte[] encode(List<MqttPacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MqttPacket packet : packets) {
            ByteBuf encoded = MqttPacketEncoder.encode(ByteBufAllocator.DEFAULT, packet, MqttVersion.V3_1_1);
            try {
                byte[] bytes = new byte[encoded.readableBytes()];
                encoded.readBytes(bytes);
                out.writeBytes(bytes);
            } finally {
                encoded.release();
            }
        }
        return out.toByteArray();
    }
}
