package io.tern.broker.transport;

import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.tern.broker.auth.ClientInfo;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Packets;
import io.tern.broker.support.TestCertificates;
import io.tern.codec.ReasonCode;
import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mutual TLS: client certificates signed by the test CA, required or optional, and their CN as user name. */
class MutualTlsTest {
    private static final int REQUIRED = 1;
    private static final int AS_USERNAME = 2;
    private static final int OPTIONAL = 3;

    /** Every client the authenticator was asked about, as it was asked. */
    private final BlockingQueue<ClientInfo> authenticated = new LinkedBlockingQueue<>();

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> {
        TlsOptions tls = TlsOptions.of(TestCertificates.file("server.pem"), TestCertificates.file("server.key"));
        TlsOptions required = tls.withRequiredClientCertificate(TestCertificates.file("ca.pem"));
        return builder.authenticator((client, password) -> {
            authenticated.add(client);
            return CompletableFuture.completedFuture(ReasonCode.SUCCESS);
        })
                .listen(Listener.tcp("127.0.0.1", 0).withTls(required))
                .listen(Listener.tcp("127.0.0.1", 0).withTls(required.withIdentityAsUsername()))
                .listen(Listener.tcp("127.0.0.1", 0)
                        .withTls(tls.withOptionalClientCertificate(TestCertificates.file("ca.pem"))));
    });

    private Mqtt5BlockingClient hiveMq(int listener, String certificate, String clientId) {
        var ssl = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost("localhost").serverPort(broker.port(listener))
                .sslConfig().trustManagerFactory(TestCertificates.trustManagers());
        if (certificate != null) {
            ssl = ssl.keyManagerFactory(TestCertificates.keyManagers(certificate));
        }
        return ssl.applySslConfig().buildBlocking();
    }

    @Test
    @DisplayName("A client with a certificate signed by the CA connects where one is required")
    void clientWithCertificateConnects() {
        Mqtt5BlockingClient client = hiveMq(REQUIRED, "client", "with-cert");
        assertThat(client.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        client.disconnect();
    }

    /** Whether a CONNECT sent over TLS {@code tls} to {@code listener} gets a CONNACK. */
    private boolean connackOver(SSLContext tls, int listener) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", broker.port(listener))) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(Packets.connectBytes("MQTT", 4, 0x02, 60, "raw-mtls"));
            return socket.getInputStream().read() == 0x20;
        } catch (SSLException | SocketException e) {
            return false; // the handshake failed, or the broker's alert ended the connection
        }
    }

    @Test
    @DisplayName("Where a certificate is required, a client without one, or with one of another CA, never reaches MQTT")
    void clientsWithoutTrustedCertificateAreRefused() throws Exception {
        assertThatThrownBy(() -> hiveMq(REQUIRED, null, "no-cert").connect()).isInstanceOf(RuntimeException.class);
        assertThat(connackOver(TestCertificates.trustingClient(), REQUIRED)).as("without a certificate").isFalse();
        assertThat(connackOver(TestCertificates.client("rogue-client"), REQUIRED)).as("another CA's").isFalse();
        assertThat(connackOver(TestCertificates.client("client"), REQUIRED)).as("the CA's").isTrue();
        org.eclipse.paho.client.mqttv3.MqttClient paho = new org.eclipse.paho.client.mqttv3.MqttClient(
                "ssl://localhost:" + broker.port(REQUIRED), "paho-no-cert", new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setSocketFactory(TestCertificates.trustingClient().getSocketFactory());
            options.setConnectionTimeout((int) TIMEOUT.toSeconds());
            assertThatThrownBy(() -> paho.connect(options)).isInstanceOf(MqttException.class);
        } finally {
            paho.close(true);
        }
        // the same broker still serves a client that shows the right certificate
        Mqtt5BlockingClient good = hiveMq(REQUIRED, "client", "after-refusals");
        good.connect();
        good.disconnect();
        assertThat(authenticated).extracting(ClientInfo::clientId).containsExactly("raw-mtls", "after-refusals");
    }

    @Test
    @DisplayName("With use-identity-as-username, the authenticator gets the certificate's CN, not the user name sent")
    void commonNameIsTheUsername() throws Exception {
        Mqtt5BlockingClient client = hiveMq(AS_USERNAME, "client", "cn-user");
        client.connectWith().simpleAuth().username("bob").password("pw".getBytes()).applySimpleAuth().send();
        ClientInfo info = authenticated.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(info).isNotNull();
        assertThat(info.clientId()).isEqualTo("cn-user");
        assertThat(info.username()).isEqualTo("alice");
        assertThat(info.certified()).isTrue();
        client.disconnect();
    }

    @Test
    @DisplayName("Without use-identity-as-username, the user name sent is the one authenticated")
    void usernameSentIsKeptOtherwise() throws Exception {
        Mqtt5BlockingClient client = hiveMq(REQUIRED, "client", "sent-user");
        client.connectWith().simpleAuth().username("bob").applySimpleAuth().send();
        ClientInfo info = authenticated.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(info).isNotNull();
        assertThat(info.username()).isEqualTo("bob");
        assertThat(info.certified()).isFalse();
        client.disconnect();
    }

    @Test
    @DisplayName("Where a certificate is optional, a client without one connects; one of another CA is refused")
    void optionalClientCertificate() throws Exception {
        Mqtt5BlockingClient anonymous = hiveMq(OPTIONAL, null, "optional-none");
        assertThat(anonymous.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        anonymous.disconnect();
        Mqtt5BlockingClient withCert = hiveMq(OPTIONAL, "client", "optional-cert");
        assertThat(withCert.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        withCert.disconnect();
        assertThat(connackOver(TestCertificates.client("rogue-client"), OPTIONAL)).as("another CA's").isFalse();
        assertThat(authenticated).extracting(ClientInfo::clientId).containsExactly("optional-none", "optional-cert");
    }
}
