package io.tern.broker.transport;

import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Packets;
import io.tern.broker.support.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT over WebSocket and secure WebSocket, with Paho, the HiveMQ client and the JDK's WebSocket client. */
class WebSocketListenerTest {
    private static final int WS = 1;
    private static final int WSS = 2;
    private static final byte[] CONNACK = {0x20, 0x02, 0x00, 0x00};

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder
            .listen(Listener.tcp("127.0.0.1", 0).withWebSocket(Listener.DEFAULT_WEBSOCKET_PATH))
            .listen(Listener.tcp("127.0.0.1", 0).withWebSocket("/secure/mqtt").withTls(
                    TlsOptions.of(TestCertificates.file("server.pem"), TestCertificates.file("server.key")))));

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + broker.port(WS) + path);
    }

    @Test
    @DisplayName("Paho 3.1.1 over ws:// publishes to a subscriber on TCP, QoS 0, 1 and 2")
    void pahoV3OverWebSocket() throws Exception {
        PahoRoundTrip.publishV3(broker, ws("/mqtt").toString(), new MqttConnectOptions(), "ws/paho3",
                "frames".getBytes(StandardCharsets.UTF_8), 0, 1, 2);
    }

    @Test
    @DisplayName("Paho 5.0 over wss:// receives a message larger than a WebSocket frame buffer, whole")
    void pahoV5OverSecureWebSocket() throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(TestCertificates.trustingClient().getSocketFactory());
        options.setHttpsHostnameVerificationEnabled(true);
        byte[] large = new byte[200_000];
        Arrays.fill(large, (byte) 'x');
        PahoRoundTrip.subscribeV5(broker, "wss://localhost:" + broker.port(WSS) + "/secure/mqtt", options, "wss/large",
                large, 1);
    }

    @Test
    @DisplayName("HiveMQ 3.1.1 over ws:// publishes and receives its own message")
    void hiveMqOverWebSocket() throws Exception {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier("hive-ws")
                .serverHost("127.0.0.1").serverPort(broker.port(WS))
                .webSocketConfig().serverPath("mqtt").applyWebSocketConfig()
                .buildBlocking();
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.connect();
            client.subscribeWith().topicFilter("hive/ws").qos(MqttQos.EXACTLY_ONCE).send();
            client.publishWith().topic("hive/ws").qos(MqttQos.EXACTLY_ONCE).payload("frames".getBytes()).send();
            Optional<Mqtt3Publish> publish = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(publish).map(p -> new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).hasValue("frames");
            client.disconnect();
        }
    }

    @Test
    @DisplayName("[MQTT-6.0.0-4] The broker selects the subprotocol \"mqtt\" a client offers, over ws and wss")
    void selectsMqttSubprotocol() {
        RawWebSocket plain = RawWebSocket.open(HttpClient.newHttpClient(), ws("/mqtt"), "mqtt");
        assertThat(plain.socket.getSubprotocol()).isEqualTo("mqtt");
        plain.socket.abort();
        HttpClient tls = HttpClient.newBuilder().sslContext(TestCertificates.trustingClient()).build();
        RawWebSocket secure = RawWebSocket.open(tls,
                URI.create("wss://localhost:" + broker.port(WSS) + "/secure/mqtt"), "mqtt");
        assertThat(secure.socket.getSubprotocol()).isEqualTo("mqtt");
        secure.socket.abort();
    }

    @Test
    @DisplayName("[MQTT-6.0.0-2] Packets split across frames, several packets in one frame, and a fragmented "
            + "message all read as one byte stream")
    void framesDoNotDelimitPackets() {
        RawWebSocket client = RawWebSocket.open(HttpClient.newHttpClient(), ws("/mqtt"), "mqtt");
        byte[] connect = Packets.connectBytes("MQTT", 4, 0x02, 60, "frames");
        byte[] subscribe = Packets.packet(0x82, new byte[] {0x00, 0x01, 0x00, 0x03, 'a', '/', 'b', 0x00});
        byte[] pingreq = {(byte) 0xC0, 0x00};
        client.send(Arrays.copyOfRange(connect, 0, 5), true);
        client.send(Arrays.copyOfRange(connect, 5, connect.length - 3), false); // a binary frame, not final
        client.send(Packets.concat(Arrays.copyOfRange(connect, connect.length - 3, connect.length), subscribe, pingreq),
                true); // its continuation: the rest of CONNECT, a SUBSCRIBE and a PINGREQ
        byte[] expected = Packets.concat(CONNACK, new byte[] {(byte) 0x90, 0x03, 0x00, 0x01, 0x00},
                new byte[] {(byte) 0xD0, 0x00});
        Awaitility.await().atMost(TIMEOUT).until(() -> client.received().length >= expected.length);
        assertThat(client.received()).isEqualTo(expected);
        client.socket.abort();
    }

    @Test
    @DisplayName("A PUBLISH goes to a WebSocket subscriber in one binary frame, header and payload together")
    void publishIsOneFrame() throws Exception {
        RawWebSocket client = RawWebSocket.open(HttpClient.newHttpClient(), ws("/mqtt"), "mqtt");
        byte[] subscribe = Packets.packet(0x82, new byte[] {0x00, 0x01, 0x00, 0x03, 'o', '/', 'f', 0x00});
        client.send(Packets.concat(Packets.connectBytes("MQTT", 4, 0x02, 60, "one-frame"), subscribe), true);
        Awaitility.await().atMost(TIMEOUT).until(() -> client.received().length >= CONNACK.length + 5);
        int before = client.frameSizes().size();
        org.eclipse.paho.client.mqttv3.MqttClient publisher = new org.eclipse.paho.client.mqttv3.MqttClient(
                broker.uri(), "tcp-pub", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        try {
            publisher.connect();
            publisher.publish("o/f", new byte[1000], 0, false);
            publisher.disconnect();
        } finally {
            publisher.close(true);
        }
        int publishSize = 1 + 2 + 2 + "o/f".length() + 1000; // type, remaining length (2 bytes), topic, payload
        Awaitility.await().atMost(TIMEOUT).until(() -> client.frameSizes().size() > before);
        assertThat(client.frameSizes().get(before)).isEqualTo(publishSize);
        client.socket.abort();
    }

    @Test
    @DisplayName("[MQTT-6.0.0-1] A text frame closes the connection with status 1003; the broker sends binary "
            + "frames only")
    void textFrameCloses() throws Exception {
        RawWebSocket client = RawWebSocket.open(HttpClient.newHttpClient(), ws("/mqtt"), "mqtt");
        client.send(Packets.connectBytes("MQTT", 4, 0x02, 60, "texting"), true);
        Awaitility.await().atMost(TIMEOUT).until(() -> client.received().length >= CONNACK.length);
        assertThat(client.received()).isEqualTo(CONNACK);
        client.socket.sendText("hello", true);
        assertThat(client.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1003);
        assertThat(client.texts).isEmpty();
        Awaitility.await().atMost(TIMEOUT).until(() -> broker.broker().sessions().get("texting") == null);
    }

    @Test
    @DisplayName("An MQTT DISCONNECT ends the WebSocket with a normal closure (1000)")
    void disconnectClosesNormally() throws Exception {
        RawWebSocket client = RawWebSocket.open(HttpClient.newHttpClient(), ws("/mqtt"), "mqtt");
        byte[] disconnect = {(byte) 0xE0, 0x00};
        client.send(Packets.concat(Packets.connectBytes("MQTT", 4, 0x02, 60, "leaving"), disconnect), true);
        assertThat(client.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(client.received()).isEqualTo(CONNACK);
    }

    @Test
    @DisplayName("A WebSocket request for another path is answered 404")
    void otherPathIsNotFound() {
        assertThatThrownBy(() -> RawWebSocket.open(HttpClient.newHttpClient(), ws("/other"), "mqtt"))
                .satisfies(e -> assertThat(handshakeFailure(e).getResponse().statusCode()).isEqualTo(404));
    }

    private static WebSocketHandshakeException handshakeFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException handshake) {
                return handshake;
            }
        }
        throw new AssertionError("not a failed WebSocket handshake", e);
    }

    /** The JDK's WebSocket client, recording the bytes of the binary frames it receives. */
    private static final class RawWebSocket implements WebSocket.Listener {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        /** The size of each binary frame received. */
        private final List<Integer> frameSizes = new ArrayList<>();
        private int frameSize;
        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private WebSocket socket;

        static RawWebSocket open(HttpClient http, URI uri, String subprotocol) {
            RawWebSocket client = new RawWebSocket();
            try {
                client.socket = http.newWebSocketBuilder().subprotocols(subprotocol).connectTimeout(TIMEOUT)
                        .buildAsync(uri, client).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            return client;
        }

        void send(byte[] data, boolean last) {
            socket.sendBinary(ByteBuffer.wrap(data), last).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        }

        synchronized byte[] received() {
            return bytes.toByteArray();
        }

        synchronized List<Integer> frameSizes() {
            return List.copyOf(frameSizes);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            synchronized (this) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                bytes.writeBytes(chunk);
                frameSize += chunk.length;
                if (last) {
                    frameSizes.add(frameSize);
                    frameSize = 0;
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            texts.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
