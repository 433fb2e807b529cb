package io.tern.broker.v311;

import static io.tern.broker.support.Packets.connectPacket;
import static io.tern.broker.support.Packets.will;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keep alive and PINGREQ/PINGRESP, with a keep alive of 1 s. */
class KeepAliveTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("[MQTT-3.12.4-1] every PINGREQ is answered with a PINGRESP")
    void pingreqAnswered() {
        try (RawClient client = connect(broker, "pinger", true)) {
            for (int i = 0; i < 5; i++) {
                client.send(PingReq.INSTANCE);
                client.receive(PingResp.class);
            }
            client.sendHex("c0 00 c0 00 c0 00");
            for (int i = 0; i < 3; i++) {
                client.receive(PingResp.class);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24] [MQTT-3.1.2-8] nothing received for 1.5 x keep alive: the broker closes the "
            + "connection, not sooner, and publishes the will")
    void silentClientClosedAfterOneAndAHalfKeepAlive() {
        try (RawClient watcher = connect(broker, "ka-watcher", true)) {
            subscribe(watcher, "ka/will", QoS.AT_LEAST_ONCE);
            try (RawClient client = connect(broker,
                    connectPacket("ka-silent", true, 1, will("ka/will", "keep alive expired", QoS.AT_LEAST_ONCE,
                            false)))) {
                long lastSent = System.nanoTime(); // before the broker can read the packet
                client.send(PingReq.INSTANCE);
                client.receive(PingResp.class);
                assertThat(client.awaitClose()).as("closed for keep alive").isTrue();
                long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastSent);
                assertThat(silentMillis).as("silence before the close, in ms").isGreaterThanOrEqualTo(1500);
            }
            Received will = receivePublish(watcher);
            assertThat(will.topic()).isEqualTo("ka/will");
            assertThat(will.payload()).isEqualTo("keep alive expired");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-24] [MQTT-3.12.4-1] a client that sends PINGREQ within its keep alive of 1 s stays "
            + "connected well beyond 1.5 x keep alive")
    void pingingClientStaysConnected() {
        try (RawClient client = connect(broker, connectPacket("ka-pinging", true, 1))) {
            scheduler.scheduleAtFixedRate(() -> client.send(PingReq.INSTANCE), 500, 500, TimeUnit.MILLISECONDS);
            // six answers: 3 s, twice 1.5 x keep alive
            for (int i = 0; i < 6; i++) {
                client.receive(PingResp.class);
            }
        }
    }
}
