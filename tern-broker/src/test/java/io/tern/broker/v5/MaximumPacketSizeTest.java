package io.tern.broker.v5;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A message too large for a subscriber's Maximum Packet Size is dropped for that subscriber only. */
class MaximumPacketSizeTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-3.1.2-24] [MQTT-3.1.2-25] a PUBLISH larger than the client's maximum is not sent to it, "
            + "counts as delivered, and still reaches the other subscribers")
    void tooLargeIsDroppedForThatSubscriberOnly() {
        try (RawClient limited = subscriber("limited", 64);
             RawClient unlimited = subscriber("unlimited", 0);
             RawClient publisher = broker.rawClient().version(MqttVersion.V5)) {
            publisher.send(new Connect(MqttVersion.V5, "publisher", true, 60, null, null, null,
                    MqttProperties.EMPTY));
            publisher.receive(Connack.class);
            String large = "x".repeat(200);
            publish(publisher, 1, "small");
            publish(publisher, 2, large);
            publish(publisher, 3, "marker");

            assertThat(nextPayload(limited)).isEqualTo("small");
            assertThat(nextPayload(limited)).as("the large message is skipped, and holds no window slot")
                    .isEqualTo("marker");
            assertThat(nextPayload(unlimited)).isEqualTo("small");
            assertThat(nextPayload(unlimited)).isEqualTo(large);
            assertThat(nextPayload(unlimited)).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-25] a message in flight is not resent to a client that reconnects with a maximum "
            + "it does not fit")
    void inFlightMessageTooLargeForTheNewConnectionIsDropped() {
        String large = "x".repeat(200);
        try (RawClient first = persistentClient(0);
             RawClient publisher = broker.rawClient().version(MqttVersion.V5)) {
            first.send(new Subscribe(1, List.of(new Subscription("big", QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY));
            first.receive(Suback.class);
            publisher.send(new Connect(MqttVersion.V5, "publisher", true, 60, null, null, null,
                    MqttProperties.EMPTY));
            publisher.receive(Connack.class);
            publish(publisher, 1, large);
            Publish unacknowledged = first.receive(Publish.class);
            assertThat(unacknowledged.payload().readableBytes()).isEqualTo(200);
            unacknowledged.release();
            first.close();

            try (RawClient again = persistentClient(64)) {
                publish(publisher, 2, "small");

                assertThat(nextPayload(again)).as("the large message in flight is not resent").isEqualTo("small");
            }
        }
    }

    private RawClient persistentClient(int maximumPacketSize) {
        RawClient client = broker.rawClient().version(MqttVersion.V5);
        MqttProperties.Builder properties = MqttProperties.builder().set(PropertyId.SESSION_EXPIRY_INTERVAL, 60);
        if (maximumPacketSize > 0) {
            properties.set(PropertyId.MAXIMUM_PACKET_SIZE, maximumPacketSize);
        }
        client.send(new Connect(MqttVersion.V5, "persistent", false, 60, null, null, null, properties.build()));
        client.receive(Connack.class);
        return client;
    }

    private RawClient subscriber(String clientId, int maximumPacketSize) {
        RawClient client = broker.rawClient().version(MqttVersion.V5);
        MqttProperties properties = maximumPacketSize == 0 ? MqttProperties.EMPTY
                : MqttProperties.builder().set(PropertyId.MAXIMUM_PACKET_SIZE, maximumPacketSize)
                        .set(PropertyId.RECEIVE_MAXIMUM, 1).build();
        client.send(new Connect(MqttVersion.V5, clientId, true, 60, null, null, null, properties));
        client.receive(Connack.class);
        client.send(new Subscribe(1, List.of(new Subscription("big", QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY));
        client.receive(Suback.class);
        return client;
    }

    private static void publish(RawClient publisher, int packetId, String payload) {
        Publish publish = new Publish("big", QoS.AT_LEAST_ONCE, false, false, packetId, MqttProperties.EMPTY,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
        publisher.send(publish);
        publish.release();
        assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(packetId);
    }

    /** The payload of the next PUBLISH, acknowledged. */
    private static String nextPayload(RawClient client) {
        Publish publish = client.receive(Publish.class);
        try {
            client.send(new PubAck(publish.packetId()));
            return publish.payload().toString(StandardCharsets.UTF_8);
        } finally {
            publish.release();
        }
    }
}
