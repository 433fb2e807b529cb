package io.tern.broker.v311;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Payloads are forwarded byte for byte, however they arrived and however long they wait. */
class PublishPayloadTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("binary payloads of 0 bytes to 300 KB reach a Paho subscriber unchanged, at every QoS")
    void binaryPayloadsUnchanged() throws Exception {
        MqttClient subscriber = null;
        MqttClient publisher = null;
        try {
            subscriber = connectedPaho(broker, "payload-sub", true);
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            subscriber.subscribe("payload/#", 2, (t, m) -> received.add(m));
            publisher = connectedPaho(broker, "payload-pub", true);
            Random random = new Random(42);
            for (int size : new int[] {0, 1, 256, 65_536, 300_000}) {
                for (int qos = 0; qos <= 2; qos++) {
                    byte[] payload = new byte[size];
                    random.nextBytes(payload);
                    publisher.publish("payload/" + size, payload, qos, false);
                    MqttMessage message = received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(message).as("%d bytes at QoS %d", size, qos).isNotNull();
                    assertThat(message.getPayload()).as("%d bytes at QoS %d", size, qos).isEqualTo(payload);
                }
            }
        } finally {
            closeQuietly(subscriber);
            closeQuietly(publisher);
        }
    }

    @Test
    @DisplayName("[MQTT-4.5.0-1] payloads queued for an offline client stay intact while the publisher's connection carries much more traffic")
    void queuedPayloadsIntact() {
        Random random = new Random(7);
        try (RawClient publisher = connect(broker, "payload-q-pub")) {
            try (RawClient subscriber = connect(broker, "payload-q-sub", false)) {
                subscribe(subscriber, "kept/#", QoS.AT_LEAST_ONCE);
                disconnect(subscriber);
            }
            awaitDetached(broker.broker(), "payload-q-sub");
            List<byte[]> kept = new ArrayList<>();
            ByteArrayOutputStream traffic = new ByteArrayOutputStream();
            int id = 1;
            for (int round = 0; round < 5; round++) {
                byte[] payload = new byte[1000 + round];
                random.nextBytes(payload);
                kept.add(payload);
                traffic.writeBytes(encode(new Publish("kept/" + round, QoS.AT_LEAST_ONCE, false, false, id++,
                        MqttProperties.EMPTY, Unpooled.wrappedBuffer(payload))));
                for (int i = 0; i < 200; i++) { // noise on a topic nobody subscribes to, in the same reads
                    byte[] noise = new byte[500];
                    random.nextBytes(noise);
                    traffic.writeBytes(encode(new Publish("noise", QoS.AT_LEAST_ONCE, false, false, id++,
                            MqttProperties.EMPTY, Unpooled.wrappedBuffer(noise))));
                }
            }
            publisher.sendBytes(traffic.toByteArray());
            for (int i = 1; i < id; i++) {
                assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(i);
            }
            try (RawClient subscriber = broker.rawClient()) {
                assertThat(connack(subscriber, "payload-q-sub", false).sessionPresent()).isTrue();
                for (int round = 0; round < 5; round++) {
                    Publish publish = subscriber.receive(Publish.class);
                    assertThat(publish.topic()).isEqualTo("kept/" + round);
                    assertThat(ByteBufUtil.getBytes(publish.payload())).as("payload %d", round)
                            .isEqualTo(kept.get(round));
                    subscriber.send(new PubAck(publish.packetId()));
                    publish.release();
                }
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-5] [MQTT-3.3.1-6] a retained payload stays intact while the publisher's connection carries much more traffic")
    void retainedPayloadIntact() {
        Random random = new Random(11);
        byte[] payload = new byte[3000];
        random.nextBytes(payload);
        try (RawClient publisher = connect(broker, "payload-r-pub")) {
            ByteArrayOutputStream traffic = new ByteArrayOutputStream();
            traffic.writeBytes(encode(new Publish("kept/retained", QoS.AT_LEAST_ONCE, true, false, 1,
                    MqttProperties.EMPTY, Unpooled.wrappedBuffer(payload))));
            for (int i = 0; i < 500; i++) {
                byte[] noise = new byte[700];
                random.nextBytes(noise);
                traffic.writeBytes(encode(new Publish("noise", QoS.AT_LEAST_ONCE, false, false, i + 2,
                        MqttProperties.EMPTY, Unpooled.wrappedBuffer(noise))));
            }
            publisher.sendBytes(traffic.toByteArray());
            for (int i = 0; i < 501; i++) {
                assertThat(publisher.receive(PubAck.class).packetId()).isEqualTo(i + 1);
            }
            try (RawClient subscriber = connect(broker, "payload-r-sub")) {
                subscribe(subscriber, "kept/#", QoS.AT_LEAST_ONCE);
                Publish publish = subscriber.receive(Publish.class);
                assertThat(publish.retained()).isTrue();
                assertThat(ByteBufUtil.getBytes(publish.payload())).isEqualTo(payload);
                subscriber.send(new PubAck(publish.packetId()));
                publish.release();
            }
        }
    }

    private static byte[] encode(Publish publish) {
        ByteBuf encoded = MqttPacketEncoder.encode(ByteBufAllocator.DEFAULT, publish, MqttVersion.V3_1_1);
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
            publish.release();
        }
    }
}
