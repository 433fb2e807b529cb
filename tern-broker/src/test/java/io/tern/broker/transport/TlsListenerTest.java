package io.tern.broker.transport;

import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Packets;
import io.tern.broker.support.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MQTT over TLS with the certificates of a test CA, as Paho (3.1.1 and 5.0) and the HiveMQ client speak it. */
class TlsListenerTest {
    private static final int TLS = 1;
    private static final int TLS_1_2_ONLY = 2;
    private static final int TLS_1_3_ONLY = 3;

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> {
        TlsOptions tls = TlsOptions.of(TestCertificates.file("server.pem"), TestCertificates.file("server.key"));
        return builder.listen(Listener.tcp("127.0.0.1", 0).withTls(tls))
                .listen(Listener.tcp("127.0.0.1", 0).withTls(tls.withProtocols("TLSv1.2")))
                .listen(Listener.tcp("127.0.0.1", 0).withTls(tls.withProtocols("TLSv1.3")));
    });

    @Test
    @DisplayName("Paho 3.1.1 over TLS, checking the broker's certificate and host name, publishes to a TCP subscriber")
    void pahoV3OverTls() throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(TestCertificates.trustingClient().getSocketFactory());
        options.setHttpsHostnameVerificationEnabled(true);
        PahoRoundTrip.publishV3(broker, "ssl://localhost:" + broker.port(TLS), options, "tls/paho3",
                "secret".getBytes(StandardCharsets.UTF_8), 0, 1, 2);
    }

    @Test
    @DisplayName("Paho 5.0 over TLS subscribes and receives what a TCP client publishes")
    void pahoV5OverTls() throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(TestCertificates.trustingClient().getSocketFactory());
        options.setHttpsHostnameVerificationEnabled(true);
        PahoRoundTrip.subscribeV5(broker, "ssl://127.0.0.1:" + broker.port(TLS), options, "tls/paho5",
                "over tls".getBytes(StandardCharsets.UTF_8), 2);
    }

    @Test
    @DisplayName("HiveMQ 5.0 over TLS: publish and receive on the same TLS listener")
    void hiveMqOverTls() throws Exception {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("hive-tls")
                .serverHost("localhost").serverPort(broker.port(TLS))
                .sslConfig().trustManagerFactory(TestCertificates.trustManagers()).applySslConfig()
                .buildBlocking();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.connect();
            client.subscribeWith().topicFilter("hive/tls").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("hive/tls").qos(MqttQos.AT_LEAST_ONCE).payload("hello".getBytes()).send();
            Optional<Mqtt5Publish> publish = publishes.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(publish).map(p -> new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).hasValue("hello");
            client.disconnect();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    @DisplayName("A listener limited to one TLS version speaks that version and MQTT over it")
    void negotiatesTheVersionTheListenerAllows(String version) throws Exception {
        int port = broker.port(version.equals("TLSv1.2") ? TLS_1_2_ONLY : TLS_1_3_ONLY);
        try (SSLSocket socket = (SSLSocket) TestCertificates.trustingClient().getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo(version);
            socket.getOutputStream().write(Packets.connectBytes("MQTT", 4, 0x02, 60, "raw-tls"));
            byte[] connack = socket.getInputStream().readNBytes(4);
            assertThat(connack).containsExactly(0x20, 0x02, 0x00, 0x00);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    @DisplayName("A client that speaks only a TLS version the listener does not accept fails its handshake")
    void refusesOtherVersions(String clientVersion) throws Exception {
        int port = broker.port(clientVersion.equals("TLSv1.2") ? TLS_1_3_ONLY : TLS_1_2_ONLY);
        try (SSLSocket socket = (SSLSocket) TestCertificates.trustingClient().getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {clientVersion});
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        }
    }

    @Test
    @DisplayName("A client that does not trust the broker's CA refuses it, and TLS is all a TLS listener speaks")
    void untrustedAndPlainClientsGetNoMqtt() throws Exception {
        try (SSLSocket socket = (SSLSocket) javax.net.ssl.SSLContext.getDefault().getSocketFactory()
                .createSocket("127.0.0.1", broker.port(TLS))) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        }
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", broker.port(TLS))) {
            plain.setSoTimeout((int) TIMEOUT.toMillis());
            plain.getOutputStream().write(Packets.connectBytes("MQTT", 4, 0x02, 60, "plain"));
            byte[] answer = plain.getInputStream().readAllBytes(); // the broker closes the connection
            assertThat(answer.length > 0 && answer[0] == 0x20).as("a CONNACK over plain TCP").isFalse();
        }
        assertThat(broker.broker().sessions().get("plain")).isNull();
    }
}
