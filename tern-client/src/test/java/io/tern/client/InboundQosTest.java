package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.client.support.ScriptedServer;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InboundQosTest {
    private ScriptedServer server;
    private MqttClient client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws Exception {
        server = new ScriptedServer();
        client = MqttClient.builder().serverPort(server.port()).build();
        client.onMessage(received::add);
        server.connect(client, MqttProperties.EMPTY);
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private static Publish publish(QoS qos, int packetId, boolean dup, String payload) {
        return new Publish("in", qos, false, dup, packetId, MqttProperties.EMPTY,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a QoS 1 message is handed to the handler and acknowledged with PUBACK of its identifier")
    void qos1Acknowledged() throws Exception {
        server.send(publish(QoS.AT_LEAST_ONCE, 5, false, "one"));

        assertThat(server.next(PubAck.class).packetId()).isEqualTo(5);
        assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("one");
    }

    @Test
    @DisplayName("[MQTT-4.3.3-8] [MQTT-4.3.3-10] a QoS 2 message repeated before PUBREL is answered with PUBREC again "
            + "and delivered once; after PUBCOMP its identifier starts a new message")
    void qos2ExactlyOnce() throws Exception {
        server.send(publish(QoS.EXACTLY_ONCE, 9, false, "first"));
        assertThat(server.next(PubRec.class).packetId()).isEqualTo(9);
        server.send(publish(QoS.EXACTLY_ONCE, 9, true, "first"));
        assertThat(server.next(PubRec.class).packetId()).isEqualTo(9);
        server.send(new PubRel(9));
        assertThat(server.next(PubComp.class).packetId()).isEqualTo(9);

        server.send(publish(QoS.EXACTLY_ONCE, 9, false, "second"));
        server.next(PubRec.class);

        assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("first");
        assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("second");
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("the repeat was not delivered").isNull();
    }

    @Test
    @DisplayName("[MQTT-4.5.0-2] [MQTT-4.6.0-2] [MQTT-4.6.0-3] every QoS 1 and 2 message is acknowledged, in the order "
            + "received, even when no handler takes it")
    void acknowledgedInOrderWithoutHandler() throws Exception {
        client.onMessage(null);
        for (int id = 1; id <= 3; id++) {
            server.send(publish(QoS.AT_LEAST_ONCE, id, false, "q1-" + id));
        }
        for (int id = 11; id <= 13; id++) {
            server.send(publish(QoS.EXACTLY_ONCE, id, false, "q2-" + id));
        }

        for (int id = 1; id <= 3; id++) {
            assertThat(server.next(PubAck.class).packetId()).isEqualTo(id);
        }
        for (int id = 11; id <= 13; id++) {
            assertThat(server.next(PubRec.class).packetId()).isEqualTo(id);
        }
    }

    @Test
    @DisplayName("a handler that throws does not stop delivery: the next message still reaches it")
    void throwingHandlerKeepsReceiving() throws Exception {
        client.onMessage(message -> {
            if (message.payloadAsString().equals("boom")) {
                throw new IllegalStateException("handler failed on purpose");
            }
            received.add(message);
        });

        server.send(publish(QoS.AT_LEAST_ONCE, 1, false, "boom"));
        server.send(publish(QoS.AT_LEAST_ONCE, 2, false, "fine"));

        assertThat(received.poll(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("fine");
        assertThat(server.next(PubAck.class).packetId()).isEqualTo(1);
        assertThat(server.next(PubAck.class).packetId()).isEqualTo(2);
    }
}
