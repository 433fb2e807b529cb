package io.tern.broker.v5;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.publishPacket;
import static io.tern.broker.support.V5Flows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker's TCP transport: an ordered, lossless stream of MQTT 5 packets in both directions. */
class OrderedStreamTest {
    private static final int COUNT = 1000;

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    /** {@code COUNT} QoS 1 PUBLISH packets, identifiers 1 to {@code COUNT}, payloads 0 to {@code COUNT - 1}, in one write. */
    private static byte[] pipelined() {
        ByteBuf all = Unpooled.buffer();
        try {
            for (int i = 0; i < COUNT; i++) {
                Publish publish = publishPacket("stream", QoS.AT_LEAST_ONCE, false, i + 1, MqttProperties.EMPTY,
                        Integer.toString(i));
                ByteBuf encoded = MqttPacketEncoder.encode(ByteBufAllocator.DEFAULT, publish, MqttVersion.V5);
                all.writeBytes(encoded);
                encoded.release();
                publish.release();
            }
            byte[] bytes = new byte[all.readableBytes()];
            all.readBytes(bytes);
            return bytes;
        } finally {
            all.release();
        }
    }

    @Test
    @DisplayName("[MQTT-4.2.0-1] over TCP 1,000 pipelined QoS 1 PUBLISH packets reach the subscriber in order, none "
            + "lost, and their PUBACKs come back in order")
    void thousandMessagesInOrder() {
        try (RawClient subscriber = connect(broker, "subscriber");
             RawClient publisher = connect(broker, "publisher")) {
            subscribe(subscriber, "stream", QoS.AT_LEAST_ONCE, 0);
            publisher.sendBytes(pipelined());

            List<Received> received = RawFlows.receiveAndAck(subscriber, COUNT);
            assertThat(received).extracting(Received::payload)
                    .containsExactlyElementsOf(IntStream.range(0, COUNT).mapToObj(Integer::toString).toList());
            assertNothingPendingBeforePing(subscriber);
            for (int id = 1; id <= COUNT; id++) {
                PubAck pubAck = publisher.receive(PubAck.class);
                assertThat(pubAck.packetId()).isEqualTo(id);
                assertThat(pubAck.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            }
            assertNothingPendingBeforePing(publisher);
        }
    }
}
