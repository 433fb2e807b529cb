package io.tern.broker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.Subscriber;
import io.tern.broker.session.Session;
import io.tern.broker.session.SessionRegistry;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.Waits;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session counts a delivery handed to its loop from elsewhere as in transit until its loop has taken it. */
class SessionHandoffTransitTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder.threads(2));

    @Test
    @DisplayName("a message offered to a session from another thread is in transit until the session's loop runs")
    void aDeliveryToAnotherLoopIsInTransitUntilItArrives() {
        try (RawClient subscriber = RawFlows.connect(broker, "sub", false)) {
            RawFlows.subscribe(subscriber, "t", QoS.AT_LEAST_ONCE);
        }
        Waits.awaitDetached(broker.broker(), "sub");
        SessionRegistry sessions = broker.broker().sessions();
        Session session = sessions.get("sub");
        CountDownLatch holdUp = new CountDownLatch(1);
        session.execute(() -> awaitQuietly(holdUp));
        Message message = new Message("t", QoS.AT_LEAST_ONCE, false,
                Unpooled.copiedBuffer("m", StandardCharsets.UTF_8), MqttProperties.EMPTY, "pub");
        try {
            session.offer(message, new Subscriber(session, new Subscription("t", QoS.AT_LEAST_ONCE), 0));
            long ended = sessions.transit().nextEpoch();
            assertThat(sessions.transit().pending(ended)).as("held up on the session's loop").isTrue();

            holdUp.countDown();
            await().atMost(Waits.TIMEOUT).until(() -> !sessions.transit().pending(ended));
        } finally {
            holdUp.countDown();
            message.release();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
