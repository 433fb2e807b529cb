package io.tern.client;

import static io.tern.client.support.Futures.failure;
import static io.tern.client.support.TestCertificates.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.TernBroker;
import io.tern.broker.transport.Listener;
import io.tern.broker.transport.TlsOptions;
import io.tern.client.support.Inbox;
import io.tern.client.support.Resources;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** tern-client over TLS, mutual TLS, WebSocket and secure WebSocket, against Tern's listeners of each. */
class TlsAndWebSocketTest {
    private static TernBroker broker;
    private static int tlsPort;
    private static int mutualTlsPort;
    private static int webSocketPort;
    private static int secureWebSocketPort;
    private static int otherAddressTlsPort;

    @RegisterExtension
    final Resources resources = new Resources();

    @BeforeAll
    static void startBroker() {
        TlsOptions tls = TlsOptions.of(file("server.pem"), file("server.key"));
        broker = TernBroker.builder().threads(1)
                .listen(Listener.tcp("127.0.0.1", 0).withTls(tls))
                .listen(Listener.tcp("127.0.0.1", 0).withTls(tls.withRequiredClientCertificate(file("ca.pem"))))
                .listen(Listener.tcp("127.0.0.1", 0).withWebSocket(Listener.DEFAULT_WEBSOCKET_PATH))
                .listen(Listener.tcp("127.0.0.1", 0).withWebSocket("/secure/mqtt").withTls(tls))
                // an address the server's certificate does not name (Linux routes all of 127/8 to loopback)
                .listen(Listener.tcp("127.0.0.2", 0).withTls(tls))
                .build();
        List<InetSocketAddress> bound = broker.start();
        tlsPort = bound.get(0).getPort();
        mutualTlsPort = bound.get(1).getPort();
        webSocketPort = bound.get(2).getPort();
        secureWebSocketPort = bound.get(3).getPort();
        otherAddressTlsPort = bound.get(4).getPort();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static TlsConfig.Builder trustingTestCa() {
        return TlsConfig.builder().trustedCertificates(file("ca.pem"));
    }

    private MqttClient client(String uri, TlsConfig tls, MqttVersion version) {
        MqttClientBuilder builder = MqttClient.builder().serverUri(uri).version(version);
        if (version == MqttVersion.V3_1) {
            builder.clientId("tern-3.1-client"); // MQTT 3.1 has no server-assigned ids
        }
        if (tls != null) {
            builder.tls(tls);
        }
        return resources.use(builder.build());
    }

    /** Connects and sends a message to itself through the broker; asserts it arrives whole. */
    private void roundTrip(MqttClient client, byte[] payload) throws Exception {
        client.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> inbox = Inbox.of(client, "tls/test");
        client.publish(Message.builder().topic("tls/test").payload(payload).qos(QoS.AT_LEAST_ONCE).build())
                .get(20, TimeUnit.SECONDS);
        Message received = inbox.poll(20, TimeUnit.SECONDS);
        assertThat(received).as("the message back from the broker").isNotNull();
        assertThat(received.payload()).isEqualTo(payload);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
    @DisplayName("mqtts:// with the test CA trusted connects to localhost, checking its name, and carries messages")
    void tls(MqttVersion version) throws Exception {
        roundTrip(client("mqtts://localhost:" + tlsPort, trustingTestCa().build(), version), text("over TLS"));
    }

    @Test
    @DisplayName("TLS 1.2 alone can be asked for and works")
    void tls12() throws Exception {
        roundTrip(client("mqtts://localhost:" + tlsPort, trustingTestCa().protocols("TLSv1.2").build(),
                MqttVersion.V5), text("over TLS 1.2"));
    }

    @Test
    @DisplayName("a server whose CA is not trusted (the JDK's authorities only) fails with 'not trusted (... --cafile)'")
    void untrustedServer() throws Exception {
        MqttClient client = client("mqtts://localhost:" + tlsPort, null, MqttVersion.V5);

        assertThat(failure(client.connect())).isInstanceOf(TlsException.class)
                .hasMessage("TLS handshake with localhost:" + tlsPort
                        + " failed: the server's certificate is not trusted (trust its CA: --cafile)");
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    @DisplayName("a server whose certificate does not name the address connected to fails the hostname check")
    void hostnameMismatch() throws Exception {
        MqttClient client = client("mqtts://127.0.0.2:" + otherAddressTlsPort, trustingTestCa().build(), MqttVersion.V5);

        assertThat(failure(client.connect())).isInstanceOf(TlsException.class)
                .hasMessageStartingWith("TLS handshake with 127.0.0.2:" + otherAddressTlsPort
                        + " failed: the server's certificate is not for this host")
                .hasMessageContaining("127.0.0.2");
    }

    @Test
    @DisplayName("verifyHostname(false) accepts a trusted certificate for another name, but still not an untrusted one")
    void hostnameCheckOff() throws Exception {
        roundTrip(client("mqtts://127.0.0.2:" + otherAddressTlsPort, trustingTestCa().verifyHostname(false).build(),
                MqttVersion.V5), text("name unchecked"));

        MqttClient untrusting = client("mqtts://127.0.0.2:" + otherAddressTlsPort,
                TlsConfig.builder().verifyHostname(false).build(), MqttVersion.V5);
        assertThat(failure(untrusting.connect())).isInstanceOf(TlsException.class)
                .hasMessageContaining("not trusted");
    }

    @Test
    @DisplayName("insecure() connects to a server neither trusted nor named right")
    void insecure() throws Exception {
        roundTrip(client("mqtts://127.0.0.2:" + otherAddressTlsPort, TlsConfig.builder().insecure().build(),
                MqttVersion.V5), text("insecure"));
    }

    @Test
    @DisplayName("mutual TLS: with the client certificate the client connects; without, the failure says a certificate is needed")
    void mutualTls() throws Exception {
        roundTrip(client("mqtts://localhost:" + mutualTlsPort,
                trustingTestCa().clientCertificate(file("client.pem"), file("client.key")).build(), MqttVersion.V5),
                text("mutual"));

        MqttClient anonymous = client("mqtts://localhost:" + mutualTlsPort, trustingTestCa().build(), MqttVersion.V5);
        assertThat(failure(anonymous.connect())).isInstanceOf(TlsException.class)
                .hasMessage("TLS handshake with localhost:" + mutualTlsPort
                        + " failed: the server requires a client certificate (--cert and --key)");
        assertThat(anonymous.isConnected()).isFalse();
    }

    @Test
    @DisplayName("mutual TLS with a certificate of a CA the server does not trust: the server refused it")
    void rogueClientCertificate() throws Exception {
        MqttClient rogue = client("mqtts://localhost:" + mutualTlsPort,
                trustingTestCa().clientCertificate(file("rogue-client.pem"), file("rogue-client.key")).build(),
                MqttVersion.V5);

        assertThat(failure(rogue.connect())).isInstanceOf(TlsException.class)
                .hasMessageStartingWith("TLS handshake with localhost:" + mutualTlsPort
                        + " failed: the server refused the client certificate");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    @DisplayName("ws:// carries MQTT in binary frames with subprotocol mqtt (mqttv3.1 for 3.1) [MQTT-6.0.0-1] [MQTT-6.0.0-4]")
    void webSocket(MqttVersion version) throws Exception {
        roundTrip(client("ws://127.0.0.1:" + webSocketPort + "/mqtt", null, version), text("over WebSocket"));
    }

    @Test
    @DisplayName("a ws:// URI without a path uses /mqtt; a 300 KB message and a burst of small ones cross intact")
    void webSocketDefaultPathAndLargeMessages() throws Exception {
        MqttClient client = client("ws://127.0.0.1:" + webSocketPort, null, MqttVersion.V5);
        byte[] large = new byte[300_000];
        Arrays.fill(large, (byte) 'x');
        roundTrip(client, large);
        BlockingQueue<Message> inbox = Inbox.of(client, "burst/#");
        for (int i = 0; i < 200; i++) {
            client.publish(Message.builder().topic("burst/" + i).payload(text("m" + i)).build());
        }
        for (int i = 0; i < 200; i++) {
            Message message = inbox.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("burst message %d", i).isNotNull();
            assertThat(message.topic()).isEqualTo("burst/" + i);
        }
    }

    @Test
    @DisplayName("wss:// connects through TLS to the WebSocket path and carries messages")
    void secureWebSocket() throws Exception {
        roundTrip(client("wss://localhost:" + secureWebSocketPort + "/secure/mqtt", trustingTestCa().build(),
                MqttVersion.V5), text("over secure WebSocket"));
    }

    @Test
    @DisplayName("a WebSocket upgrade at a path the server does not serve fails with '404 ... (wrong path?)'")
    void wrongPath() throws Exception {
        MqttClient client = client("ws://127.0.0.1:" + webSocketPort + "/nothing-here", null, MqttVersion.V5);

        assertThat(failure(client.connect())).isInstanceOf(WebSocketUpgradeException.class)
                .hasMessageStartingWith("WebSocket upgrade at ws://127.0.0.1:" + webSocketPort + "/nothing-here refused: 404")
                .hasMessageEndingWith("(wrong path?)");
    }

    @Test
    @DisplayName("schemes pick transports and default ports: mqtt 1883, mqtts 8883, ws 80, wss 443")
    void schemesAndPorts() {
        assertThat(Transport.tcp().defaultPort()).isEqualTo(1883);
        assertThat(Transport.tls(TlsConfig.defaults()).defaultPort()).isEqualTo(8883);
        assertThat(Transport.webSocket("/mqtt").defaultPort()).isEqualTo(80);
        assertThat(Transport.secureWebSocket("/mqtt", TlsConfig.defaults()).defaultPort()).isEqualTo(443);
        assertThatThrownBy(() -> MqttClient.builder().serverUri("http://localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mqtt://, mqtts://, ws:// or wss://");
        assertThatThrownBy(() -> TlsConfig.builder().trustedCertificates(file("no-such.pem")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such.pem").hasMessageContaining("no such file");
    }
}
