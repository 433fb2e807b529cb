package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.client.support.BrokerKind;
import io.tern.client.support.Resources;
import io.tern.client.support.TestBroker;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PacketListenerTest {
    @RegisterExtension
    final Resources resources = new Resources();

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("a packet listener sees each packet sent and received, in the order of the wire, with its fields")
    void seesEveryPacket(BrokerKind kind) throws Exception {
        TestBroker broker = resources.use(kind.start());
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient client = resources.use(MqttClient.builder().serverPort(broker.port()).clientId("tap")
                .packetListener(new PacketListener() {
                    @Override
                    public void sending(MqttPacket packet) {
                        seen.add("sending " + describe(packet));
                    }

                    @Override
                    public void received(MqttPacket packet) {
                        seen.add("received " + describe(packet));
                    }
                }).build());

        client.connect().get(20, TimeUnit.SECONDS);
        client.subscribe("tap", QoS.EXACTLY_ONCE, message -> { }).get(20, TimeUnit.SECONDS);
        client.publish(Message.builder().topic("tap").payload("12345").qos(QoS.EXACTLY_ONCE).build())
                .get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("sending PUBCOMP"));
        client.disconnect().get(20, TimeUnit.SECONDS);

        assertThat(seen).startsWith("sending CONNECT", "received CONNACK", "sending SUBSCRIBE", "received SUBACK",
                "sending PUBLISH tap q2 5 bytes").endsWith("sending DISCONNECT").hasSize(13);
        assertThat(seen).containsSubsequence("received PUBREC", "sending PUBREL", "received PUBCOMP");
        assertThat(seen).containsSubsequence("received PUBLISH tap q2 5 bytes", "sending PUBREC", "received PUBREL",
                "sending PUBCOMP");
    }

    private static String describe(MqttPacket packet) {
        PacketType type = packet.type();
        return packet instanceof Publish publish
                ? type + " " + publish.topic() + " q" + publish.qos().value() + " " + publish.payload().readableBytes()
                + " bytes"
                : type.name();
    }
}
