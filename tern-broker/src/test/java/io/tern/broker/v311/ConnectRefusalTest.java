package io.tern.broker.v311;

import static io.tern.broker.support.Packets.concat;
import static io.tern.broker.support.Packets.connectBytes;
import static io.tern.broker.support.Packets.packet;
import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publishFrom;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.auth.Authenticator;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.Hex;
import io.tern.broker.support.RawClient;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PingResp;
import io.tern.codec.packet.Suback;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CONNECT refused after validation, by the authenticator or the configuration: the CONNACK return
 * codes, what a refusal leaves untouched, and CONNECTs answered while authentication takes its time.
 * The authenticator here decides by user name.
 */
class ConnectRefusalTest {
    /** Connect flags: user name, clean session. */
    private static final int USER_CLEAN = 0x80 | 0x02;

    private static final Executor LATER = CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS);

    private static final Authenticator BY_USER_NAME = (client, password) -> {
        String user = client.username() == null ? "" : client.username();
        return switch (user) {
            case "bad" -> done(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
            case "banned" -> done(ReasonCode.NOT_AUTHORIZED);
            case "unavailable" -> done(ReasonCode.SERVER_UNAVAILABLE);
            case "broken" -> CompletableFuture.failedFuture(new IllegalStateException("directory down"));
            case "slow" -> CompletableFuture.supplyAsync(() -> ReasonCode.SUCCESS, LATER);
            case "slow-bad" -> CompletableFuture.supplyAsync(() -> ReasonCode.BAD_USER_NAME_OR_PASSWORD, LATER);
            default -> done(ReasonCode.SUCCESS);
        };
    };

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder
            .config(BrokerConfig.builder().allowZeroLengthClientId(false).build())
            .authenticator(BY_USER_NAME));

    private static CompletionStage<ReasonCode> done(ReasonCode code) {
        return CompletableFuture.completedFuture(code);
    }

    private static byte[] publishPacket(String topic, String payload) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        return packet(0x30, concat(new byte[] {(byte) (name.length >>> 8), (byte) name.length}, name,
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "user {0}: return code {1}")
    @CsvSource({
        "unavailable, SERVER_UNAVAILABLE",
        "bad, BAD_USER_NAME_OR_PASSWORD",
        "banned, NOT_AUTHORIZED",
        "broken, SERVER_UNAVAILABLE",
        "slow-bad, BAD_USER_NAME_OR_PASSWORD",
    })
    @DisplayName("[MQTT-3.2.2-4] [MQTT-3.2.2-5] a refused CONNECT gets CONNACK with the refusal's return code and "
            + "session present 0, then the connection is closed")
    void refusedWithReturnCode(String user, ReasonCode code) {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connectBytes("MQTT", 4, USER_CLEAN, 0, "refused", user));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(code);
            assertThat(connack.sessionPresent()).isFalse();
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-4] [MQTT-3.1.4-5] a refused CONNECT for the client identifier of a stored session gets "
            + "session present 0 and leaves the session as it was")
    void refusalLeavesStoredSession() {
        try (RawClient owner = connect(broker, "owner", false)) {
            subscribe(owner, "refusal/owner", QoS.AT_LEAST_ONCE);
        }
        awaitDetached(broker.broker(), "owner");
        try (RawClient impostor = broker.rawClient()) {
            impostor.sendBytes(connectBytes("MQTT", 4, 0x80, 0, "owner", "bad")); // clean session 0, user "bad"
            Connack connack = impostor.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(connack.sessionPresent()).isFalse();
            assertThat(impostor.awaitClose()).isTrue();
        }
        publishFrom(broker, "refusal/owner", QoS.AT_LEAST_ONCE, false, "still yours");
        try (RawClient owner = broker.rawClient()) {
            Connack connack = connack(owner, "owner", false);
            assertThat(connack.sessionPresent()).isTrue();
            assertThat(receivePublish(owner).payload()).isEqualTo("still yours");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-5] a refused CONNECT with the client identifier of a connected client does not take "
            + "over its connection")
    void refusalDoesNotTakeOver() {
        try (RawClient owner = connect(broker, "owner", true); RawClient impostor = broker.rawClient()) {
            impostor.sendBytes(connectBytes("MQTT", 4, USER_CLEAN, 0, "owner", "banned"));
            assertThat(impostor.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(impostor.awaitClose()).isTrue();
            assertNothingPendingBeforePing(owner); // still connected
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.4-5] a PUBLISH pipelined behind a CONNECT refused by the authenticator later is not "
            + "processed")
    void nothingProcessedAfterLateRefusal() {
        try (RawClient watcher = connect(broker, "watcher", true); RawClient client = broker.rawClient()) {
            subscribe(watcher, "refusal/pipelined", QoS.AT_MOST_ONCE);
            client.sendBytes(concat(connectBytes("MQTT", 4, USER_CLEAN, 0, "late", "slow-bad"),
                    publishPacket("refusal/pipelined", "must not arrive")));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertThat(client.awaitClose()).isTrue();
            publishFrom(broker, "refusal/pipelined", QoS.AT_MOST_ONCE, false, "marker");
            assertThat(receivePublish(watcher).payload()).isEqualTo("marker");
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.0-1] [MQTT-3.1.4-4] while authentication takes its time, packets pipelined behind CONNECT "
            + "wait: CONNACK 0x00 comes first, then their answers")
    void pipelinedPacketsWaitForAuthentication() {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(concat(connectBytes("MQTT", 4, USER_CLEAN, 0, "patient", "slow"),
                    Hex.bytes("82 06 00 05 00 01 61 02"), Hex.bytes("c0 00")));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(client.receive(Suback.class).packetId()).isEqualTo(5);
            client.receive(PingResp.class);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-9] a broker configured to refuse zero-length client identifiers answers CONNACK 0x02, "
            + "then closes, even with clean session 1")
    void zeroLengthClientIdRefusedByConfiguration() {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connectBytes("MQTT", 4, 0x02, 0, ""));
            Connack connack = client.receive(Connack.class);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(connack.sessionPresent()).isFalse();
            assertThat(client.awaitClose()).isTrue();
        }
    }
}
