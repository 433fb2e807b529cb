package io.tern.broker.v311;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that writes CONNECT, PUBLISH and DISCONNECT at once and closes its socket (what a
 * short-lived publisher such as the seed's script does) still gets its message through: packets
 * that arrive while CONNECT is being authenticated are handled before the end of the stream.
 */
class ConnectBurstTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @Test
    @DisplayName("[MQTT-4.3.1-1] a PUBLISH sent right behind CONNECT by a client that closes at once is delivered")
    void publishBehindConnectThenCloseIsDelivered() throws IOException {
        try (RawClient subscriber = broker.rawClient()) {
            subscriber.send(new Connect(MqttVersion.V3_1_1, "subscriber", true, 60, null, null, null,
                    MqttProperties.EMPTY));
            subscriber.receive(Connack.class);
            subscriber.send(new Subscribe(1, List.of(new Subscription("burst", QoS.AT_MOST_ONCE)),
                    MqttProperties.EMPTY));
            subscriber.receive(Suback.class);

            for (int i = 0; i < 20; i++) {
                Publish publish = new Publish("burst", QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY,
                        Unpooled.copiedBuffer("message " + i, StandardCharsets.UTF_8));
                byte[] burst = encode(
                        new Connect(MqttVersion.V3_1_1, "publisher-" + i, true, 60, null, null, null,
                                MqttProperties.EMPTY),
                        publish, Disconnect.NORMAL);
                publish.release();
                try (Socket socket = new Socket("127.0.0.1", broker.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(burst);
                    out.flush();
                }
                Publish received = subscriber.receive(Publish.class);
                assertThat(received.payload().toString(StandardCharsets.UTF_8)).isEqualTo("message " + i);
                received.release();
            }
        }
    }

    private static byte[] encode(MqttPacket... packets) {
        ByteBuf all = Unpooled.buffer();
        for (MqttPacket packet : packets) {
            ByteBuf encoded = MqttPacketEncoder.encode(ByteBufAllocator.DEFAULT, packet, MqttVersion.V3_1_1);
            all.writeBytes(encoded);
            encoded.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return bytes;
    }
}
