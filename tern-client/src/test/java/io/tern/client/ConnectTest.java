package io.tern.client;

import static io.tern.client.support.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.client.support.BrokerKind;
import io.tern.client.support.MosquittoBroker;
import io.tern.client.support.Resources;
import io.tern.client.support.ScriptedServer;
import io.tern.client.support.TestBroker;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.QoS;
import java.util.List;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectTest {
    @RegisterExtension
    final Resources resources = new Resources();

    private <T extends AutoCloseable> T use(T resource) {
        return resources.use(resource);
    }

    private MqttClientBuilder client(int port) {
        return MqttClient.builder().serverHost("127.0.0.1").serverPort(port);
    }


    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
    @DisplayName("a refusal by the broker fails connect with its reason code in words a person can act on")
    void refusedByTern(MqttVersion version) throws Exception {
        TestBroker broker = use(BrokerKind.tern(builder -> builder.authenticator((client, password) ->
                CompletableFuture.completedFuture(Arrays.equals(password, "right".getBytes())
                        ? ReasonCode.SUCCESS : ReasonCode.NOT_AUTHORIZED))));
        MqttClient client = use(client(broker.port()).clientId("refused").version(version)
                .credentials("user", "wrong").build());

        Throwable refusal = failure(client.connect());

        assertThat(refusal).isInstanceOf(ConnectionRefusedException.class)
                .hasMessageStartingWith(version.isV5() ? "connection refused: not authorized (0x87)"
                        : "connection refused: not authorized (return code 5)");
        if (version.isV5()) {
            String reason = ((MqttClientException) refusal).reasonString();
            assertThat(reason).as("the broker's reason string").isNotBlank();
            assertThat(refusal).hasMessageEndingWith(": " + reason);
        }
        assertThat(((MqttClientException) refusal).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(((ConnectionRefusedException) refusal).returnCode())
                .isEqualTo(version.isV5() ? OptionalInt.empty() : OptionalInt.of(5));
        assertThat(client.isConnected()).isFalse();
        MqttClient right = use(client(broker.port()).clientId("accepted").version(version)
                .credentials("user", "right").build());
        assertThat(right.connect().join().reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(right.isConnected()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
    @DisplayName("mosquitto refusing anonymous clients fails connect with ConnectionRefusedException")
    void refusedByMosquitto(MqttVersion version) throws Exception {
        TestBroker broker = use(MosquittoBroker.start("allow_anonymous false\n"));
        MqttClient client = use(client(broker.port()).clientId("anonymous").version(version).build());

        Throwable refusal = failure(client.connect());

        assertThat(refusal).isInstanceOf(ConnectionRefusedException.class).hasMessageStartingWith("connection refused: ");
        assertThat(((MqttClientException) refusal).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
        assertThat(((ConnectionRefusedException) refusal).returnCode())
                .as("the MQTT 3.1.1 return code, none on MQTT 5")
                .isEqualTo(version.isV5() ? OptionalInt.empty() : OptionalInt.of(5));
    }

    @Test
    @DisplayName("no broker on the port: 'cannot reach 127.0.0.1:port: connection refused — is a broker running?'")
    void unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MqttClient client = use(client(port).build());

        assertThat(failure(client.connect())).isInstanceOf(ServerUnreachableException.class)
                .hasMessage("cannot reach 127.0.0.1:" + port + ": connection refused — is a broker running?");
    }

    @Test
    @DisplayName("a server that never answers CONNECT fails connect with a timeout naming CONNACK")
    void connectTimeout() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(client(server.port()).connectTimeout(Duration.ofMillis(500)).build());

        CompletableFuture<ConnectResult> connect = client.connect();
        server.next(Connect.class);

        assertThat(failure(connect)).isInstanceOf(MqttTimeoutException.class)
                .hasMessage("no CONNACK from 127.0.0.1:" + server.port() + " within 500 ms");
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    @DisplayName("an empty client id with MQTT 5 takes the identifier the server assigns")
    void serverAssignedClientId(BrokerKind kind) {
        TestBroker broker = use(kind.start());
        MqttClient client = use(client(broker.port()).clientId("").build());

        ConnectResult result = client.connect().join();

        assertThat(result.clientIdAssigned()).isTrue();
        assertThat(result.clientId()).isNotEmpty().isEqualTo(client.clientId());
    }

    @Test
    @DisplayName("[MQTT-3.1.2-20] the client sends PINGREQ within the keep alive; without PINGRESP the connection is lost")
    void keepAlive() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        CompletableFuture<MqttClientException> lost = new CompletableFuture<>();
        MqttClient client = use(client(server.port()).keepAlive(Duration.ofSeconds(1))
                .listener(new ConnectionListener() {
                    @Override
                    public void connectionLost(MqttClientException cause) {
                        lost.complete(cause);
                    }
                }).build());
        CompletableFuture<ConnectResult> connect = client.connect();
        assertThat(server.next(Connect.class).keepAlive()).isEqualTo(1);
        server.accept(false, MqttProperties.EMPTY);
        connect.join();

        server.next(PingReq.class);

        assertThat(lost.get(20, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("no PINGRESP");
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    @DisplayName("[MQTT-3.1.2-21] [MQTT-3.2.2-21] the client keeps the Server Keep Alive of CONNACK instead of its own")
    void serverKeepAlive() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(client(server.port()).keepAlive(Duration.ofSeconds(600)).build());
        CompletableFuture<ConnectResult> connect = client.connect();
        server.next(Connect.class);
        server.accept(false, MqttProperties.builder().set(PropertyId.SERVER_KEEP_ALIVE, 1).build());
        assertThat(connect.get(20, TimeUnit.SECONDS).serverKeepAlive()).contains(Duration.ofSeconds(1));

        server.next(PingReq.class);
    }

    @Test
    @DisplayName("CONNECT carries the MQTT 5 settings: session expiry, receive maximum, packet size, user properties, will delay")
    void connectCarriesSettings() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(client(server.port()).clientId("settings").cleanStart(false)
                .sessionExpiry(Duration.ofSeconds(300)).receiveMaximum(10).maximumPacketSize(4096)
                .userProperty("app", "test").will(Message.builder().topic("status").payload("gone").build(),
                        Duration.ofSeconds(5)).requestResponseInformation(true).requestProblemInformation(false)
                .build());

        client.connect();
        Connect connect = server.next(Connect.class);

        assertThat(connect.clientId()).isEqualTo("settings");
        assertThat(connect.cleanStart()).isFalse();
        assertThat(connect.properties().longValue(PropertyId.SESSION_EXPIRY_INTERVAL, 0)).isEqualTo(300);
        assertThat(connect.properties().intValue(PropertyId.RECEIVE_MAXIMUM, 0)).isEqualTo(10);
        assertThat(connect.properties().longValue(PropertyId.MAXIMUM_PACKET_SIZE, 0)).isEqualTo(4096);
        assertThat(connect.properties().userProperties()).extracting(p -> p.name() + "=" + p.value())
                .containsExactly("app=test");
        assertThat(connect.will().topic()).isEqualTo("status");
        assertThat(connect.will().properties().longValue(PropertyId.WILL_DELAY_INTERVAL, 0)).isEqualTo(5);
        assertThat(connect.properties().intValue(PropertyId.REQUEST_RESPONSE_INFORMATION, 0)).isEqualTo(1);
        assertThat(connect.properties().intValue(PropertyId.REQUEST_PROBLEM_INFORMATION, 1)).isZero();
    }

    @Test
    @DisplayName("DISCONNECT carries the MQTT 5 options: reason code, session expiry, reason string, user properties")
    void disconnectCarriesOptions() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(client(server.port()).sessionExpiry(Duration.ofSeconds(60)).build());
        server.connect(client, MqttProperties.EMPTY);

        client.disconnect(DisconnectOptions.builder().reasonCode(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                .sessionExpiry(Duration.ZERO).reasonString("going away").userProperty("shift", "night").build())
                .get(20, TimeUnit.SECONDS);

        Disconnect disconnect = server.next(Disconnect.class);
        assertThat(disconnect.reasonCode()).isEqualTo(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE);
        assertThat(disconnect.properties().longValue(PropertyId.SESSION_EXPIRY_INTERVAL, -1)).isZero();
        assertThat(disconnect.properties().stringValue(PropertyId.REASON_STRING)).isEqualTo("going away");
        assertThat(disconnect.properties().userProperties()).extracting(p -> p.name() + "=" + p.value())
                .containsExactly("shift=night");
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    @DisplayName("a subscribe made while connecting is sent once CONNACK came, without the caller waiting")
    void subscribeWhileConnecting() throws Exception {
        ScriptedServer server = use(new ScriptedServer());
        MqttClient client = use(client(server.port()).build());

        CompletableFuture<ConnectResult> connect = client.connect();
        CompletableFuture<SubscribeResult> subscribe = client.subscribe("early/#", QoS.AT_LEAST_ONCE, m -> { });
        server.next(Connect.class);
        assertThat(server.poll(Duration.ofMillis(300))).as("nothing before CONNACK").isNull();
        server.accept(false, MqttProperties.EMPTY);

        Subscribe sent = server.next(Subscribe.class);
        server.send(new Suback(sent.packetId(), List.of(ReasonCode.GRANTED_QOS_1), MqttProperties.EMPTY));
        assertThat(connect.get(20, TimeUnit.SECONDS).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        assertThat(subscribe.get(20, TimeUnit.SECONDS).grantedQos(0)).contains(QoS.AT_LEAST_ONCE);
    }

    @Test
    @DisplayName("operations before connect fail with NotConnectedException instead of throwing")
    void notConnected() {
        MqttClient client = use(client(1883).build());

        assertThatThrownBy(() -> client.publish(Message.of("t", "x")).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(NotConnectedException.class);
        assertThatThrownBy(() -> client.subscribe("t", QoS.AT_MOST_ONCE, m -> { }).join())
                .hasCauseInstanceOf(NotConnectedException.class);
    }
}
