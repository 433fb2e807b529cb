package io.tern.broker.v311;

import static io.tern.broker.support.Packets.connectBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.PingResp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connect timeout (not an MQTT 3.1.1 statement; the standard says a server should close a
 * connection that sends no CONNECT within a reasonable time): 1 s here.
 */
class ConnectTimeoutTest {
    /** Far above the 1 s timeout, far below what a connection left open would take to be noticed. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(8);

    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().connectTimeout(Duration.ofSeconds(1)).build());

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void assertClosesWithin(RawClient client, Duration limit) {
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(client::awaitClose);
        Awaitility.await().atMost(limit).until(closed::isDone);
        assertThat(closed.join()).as("the broker closed the connection").isTrue();
    }

    @Test
    @DisplayName("a socket that sends nothing is closed after the connect timeout")
    void silentSocketClosed() {
        try (RawClient client = broker.rawClient()) {
            assertClosesWithin(client, CLOSED_WITHIN);
        }
    }

    @Test
    @DisplayName("a socket that sends a CONNECT a byte at a time, slower than the timeout allows, is closed")
    void tricklingSocketClosed() {
        // a CONNECT of about 90 bytes at a byte every 200 ms would take 18 s to arrive
        byte[] connect = connectBytes("MQTT", 4, 0x02, 0, "trickle-" + "x".repeat(64));
        AtomicInteger next = new AtomicInteger();
        try (RawClient client = broker.rawClient()) {
            scheduler.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < connect.length) {
                    client.sendBytes(connect[i]); // throws once the broker has closed: the task stops
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            assertClosesWithin(client, CLOSED_WITHIN);
            assertThat(next.get()).as("bytes sent before the close").isLessThan(connect.length);
        }
    }

    @Test
    @DisplayName("a connection whose CONNECT came in time stays open after the connect timeout")
    void connectedClientNotClosedByTimeout() {
        try (RawClient client = broker.rawClient()) {
            client.sendBytes(connectBytes("MQTT", 4, 0x02, 0, "in-time"));
            assertThat(client.receive(Connack.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            // eight PINGREQs 300 ms apart: answered over more than twice the connect timeout
            scheduler.scheduleAtFixedRate(() -> client.sendHex("c0 00"), 300, 300, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 8; i++) {
                client.receive(PingResp.class);
            }
        }
    }
}
