package io.tern.client;

import static io.tern.client.support.Futures.failure;
import static io.tern.client.support.TestCertificates.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.client.support.Inbox;
import io.tern.client.support.MosquittoBroker;
import io.tern.client.support.Resources;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** tern-client's TLS against a real peer: mosquitto with a TLS listener, with and without client certificates. */
class MosquittoTlsTest {
    @RegisterExtension
    final Resources resources = new Resources();

    private static String tlsConfig(boolean requireCertificate) {
        // user root: run as root, mosquitto would switch to user mosquitto, who cannot read the owner-only keys
        return "user root\ncafile " + file("ca.pem") + "\ncertfile " + file("server.pem") + "\nkeyfile " + file("server.key")
                + "\nrequire_certificate " + requireCertificate + "\n";
    }

    private MqttClient client(int port, TlsConfig tls, MqttVersion version) {
        return resources.use(MqttClient.builder().serverUri("mqtts://localhost:" + port).tls(tls).version(version)
                .clientId("tern-tls-" + version).build());
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
    @DisplayName("mosquitto over TLS: trusted, hostname checked, messages both ways; an untrusted client fails clearly")
    void tls(MqttVersion version) throws Exception {
        MosquittoBroker mosquitto = resources.use(MosquittoBroker.start(tlsConfig(false)));
        MqttClient client = client(mosquitto.port(), TlsConfig.builder().trustedCertificates(file("ca.pem")).build(),
                version);
        client.connect().get(20, TimeUnit.SECONDS);
        BlockingQueue<Message> inbox = Inbox.of(client, "mosquitto/tls");
        client.publish(Message.builder().topic("mosquitto/tls").payload("secret".getBytes(StandardCharsets.UTF_8))
                .qos(QoS.EXACTLY_ONCE).build()).get(20, TimeUnit.SECONDS);
        Message received = inbox.poll(20, TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.payload()).asString(StandardCharsets.UTF_8).isEqualTo("secret");

        MqttClient untrusting = resources.use(MqttClient.builder().serverUri("mqtts://localhost:" + mosquitto.port())
                .version(version).clientId("untrusting").build());
        assertThat(failure(untrusting.connect())).isInstanceOf(TlsException.class).hasMessageContaining("not trusted");
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
    @DisplayName("mosquitto with require_certificate: the client certificate lets the client in, its absence is named")
    void mutualTls(MqttVersion version) throws Exception {
        MosquittoBroker mosquitto = resources.use(MosquittoBroker.start(tlsConfig(true)));
        TlsConfig.Builder trusting = TlsConfig.builder().trustedCertificates(file("ca.pem"));
        MqttClient client = client(mosquitto.port(),
                trusting.clientCertificate(file("client.pem"), file("client.key")).build(), version);
        assertThat(client.connect().get(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(client.isConnected()).isTrue();

        MqttClient anonymous = resources.use(MqttClient.builder().serverUri("mqtts://localhost:" + mosquitto.port())
                .tls(TlsConfig.builder().trustedCertificates(file("ca.pem")).build()).version(version)
                .clientId("anonymous").build());
        assertThat(failure(anonymous.connect())).isInstanceOf(TlsException.class)
                .hasMessage("TLS handshake with localhost:" + mosquitto.port()
                        + " failed: the server requires a client certificate (--cert and --key)");
    }
}
