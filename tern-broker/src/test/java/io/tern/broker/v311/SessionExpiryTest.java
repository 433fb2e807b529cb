package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connack;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.disconnect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static io.tern.broker.support.Waits.awaitSessionGone;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Persistent sessions that expire 1 s after their connection ends (BrokerConfig.sessionExpirySeconds). */
class SessionExpiryTest {
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().sessionExpirySeconds(1).build());

    @Test
    @DisplayName("an abandoned persistent session expires: gone with its queued messages, session present 0 on "
            + "reconnect")
    void abandonedSessionExpires() {
        try (RawClient client = connect(broker, "abandoned", false)) {
            subscribe(client, "expiry/t", QoS.AT_LEAST_ONCE);
            disconnect(client);
        }
        try (RawClient publisher = connect(broker, "publisher", true)) {
            publish(publisher, "expiry/t", QoS.AT_LEAST_ONCE, "queued for an abandoned session");
        }
        awaitSessionGone(broker.broker(), "abandoned");
        try (RawClient client = broker.rawClient()) {
            Connack connack = connack(client, "abandoned", false);
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(connack.sessionPresent()).isFalse();
            assertNothingPendingBeforePing(client);
        }
    }

    @Test
    @DisplayName("[MQTT-4.1.0-2] a session lasts as long as its connection: connected sessions, persistent or clean, "
            + "do not expire")
    void connectedSessionsDoNotExpire() {
        try (RawClient persistent = connect(broker, "persistent", false);
             RawClient clean = connect(broker, "clean", true)) {
            subscribe(persistent, "expiry/live", QoS.AT_LEAST_ONCE);
            subscribe(clean, "expiry/live", QoS.AT_LEAST_ONCE);
            // another persistent session ends and expires: more than the expiry has passed
            try (RawClient other = connect(broker, "other", false)) {
                disconnect(other);
            }
            awaitSessionGone(broker.broker(), "other");
            assertThat(broker.broker().sessions().get("persistent")).isNotNull();
            assertThat(broker.broker().sessions().get("clean")).isNotNull();
            try (RawClient publisher = connect(broker, "publisher", true)) {
                publish(publisher, "expiry/live", QoS.AT_LEAST_ONCE, "still here");
            }
            assertThat(receiveAndAck(persistent).payload()).isEqualTo("still here");
            assertThat(receiveAndAck(clean).payload()).isEqualTo("still here");
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-2] [MQTT-4.1.0-2] a persistent session resumed before it expires is kept, and does not "
            + "expire later while connected")
    void resumedSessionDoesNotExpire() {
        // its own broker, with an expiry long enough to reconnect in time even on a loaded machine
        EmbeddedBroker slower = EmbeddedBroker.withConfig(BrokerConfig.builder().sessionExpirySeconds(3).build());
        slower.beforeEach(null);
        try {
            try (RawClient client = connect(slower, "returning", false)) {
                subscribe(client, "expiry/returning", QoS.AT_LEAST_ONCE);
                disconnect(client);
            }
            awaitDetached(slower.broker(), "returning");
            try (RawClient client = slower.rawClient()) {
                Connack connack = connack(client, "returning", false);
                assertThat(connack.sessionPresent()).isTrue();
                // another persistent session ends after this one was resumed, and expires: the expiry
                // this session had before it was resumed has passed too
                try (RawClient other = connect(slower, "other", false)) {
                    disconnect(other);
                }
                awaitSessionGone(slower.broker(), "other");
                assertThat(slower.broker().sessions().get("returning")).isNotNull();
                try (RawClient publisher = connect(slower, "publisher", true)) {
                    publish(publisher, "expiry/returning", QoS.AT_LEAST_ONCE, "still subscribed");
                }
                assertThat(receiveAndAck(client).payload()).isEqualTo("still subscribed");
            }
        } finally {
            slower.afterEach(null);
        }
    }
}
