package io.tern.broker.v5;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.disconnect;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.receiveAndAck;
import static io.tern.broker.support.V5Flows.subscribe;
import static io.tern.broker.support.Waits.awaitDetached;
import static io.tern.broker.support.Waits.awaitSessionGone;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.V5Flows.Received5;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.Will;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MQTT 5 will: its properties, its delay, and the DISCONNECT reason codes that keep or drop it. */
class WillV5Test {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    private static Will will(String clientId, MqttProperties properties) {
        return new Will("will/" + clientId, ("last words of " + clientId).getBytes(StandardCharsets.UTF_8),
                QoS.AT_LEAST_ONCE, false, properties);
    }

    private static MqttProperties delay(long seconds) {
        return props().set(PropertyId.WILL_DELAY_INTERVAL, seconds).build();
    }

    private RawClient watcher() {
        RawClient watcher = connect(broker, "watcher");
        subscribe(watcher, "will/#", QoS.AT_LEAST_ONCE, 0);
        return watcher;
    }

    /** A client with a will, connected with clean start and this session expiry. */
    private RawClient withWill(String clientId, long sessionExpiry, MqttProperties willProperties) {
        return connect(broker, connectPacket(clientId, true, sessionExpiry, will(clientId, willProperties)));
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] [MQTT-3.1.3-10] the will properties come with the will: payload format, content "
            + "type, response topic, correlation data, user properties in order")
    void willPropertiesForwarded() {
        MqttProperties willProperties = props()
                .set(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)
                .set(PropertyId.CONTENT_TYPE, "text/plain")
                .set(PropertyId.RESPONSE_TOPIC, "replies/here")
                .set(PropertyId.CORRELATION_DATA, new byte[] {1, 2, 3})
                .userProperty("k", "1").userProperty("other", "x").userProperty("k", "2")
                .build();
        try (RawClient watcher = watcher()) {
            withWill("dying", 0, willProperties).close();
            Received5 will = receiveAndAck(watcher);
            assertThat(will.topic()).isEqualTo("will/dying");
            assertThat(will.payload()).isEqualTo("last words of dying");
            MqttProperties got = will.properties();
            assertThat(got.intValue(PropertyId.PAYLOAD_FORMAT_INDICATOR, -1)).isEqualTo(1);
            assertThat(got.stringValue(PropertyId.CONTENT_TYPE)).isEqualTo("text/plain");
            assertThat(got.stringValue(PropertyId.RESPONSE_TOPIC)).isEqualTo("replies/here");
            assertThat(got.binaryValue(PropertyId.CORRELATION_DATA)).containsExactly(1, 2, 3);
            assertThat(got.userProperties()).containsExactly(new UserProperty("k", "1"),
                    new UserProperty("other", "x"), new UserProperty("k", "2"));
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] a will with a delay of 1 s is published after the delay when the client does not "
            + "come back, without the will delay property")
    void delayedWillPublished() {
        try (RawClient watcher = watcher()) {
            withWill("late", 60, delay(1)).close();
            awaitDetached(broker.broker(), "late");
            Received5 will = receiveAndAck(watcher);
            assertThat(will.payload()).isEqualTo("last words of late");
            assertThat(will.properties().has(PropertyId.WILL_DELAY_INTERVAL)).isFalse();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.3-9] [MQTT-3.1.2-8] the client resumes its session within the will delay: the will is "
            + "never sent, not even when the session ends later")
    void resumedWithinDelayNoWill() {
        try (RawClient watcher = watcher()) {
            withWill("back", 60, delay(30)).close();
            awaitDetached(broker.broker(), "back");
            try (RawClient again = client(broker)) {
                assertThat(connack(again, connectPacket("back", false, 60, null)).sessionPresent()).isTrue();
                // the session now ends: a will still pending with it would be published at this point
                disconnect(again, new Disconnect(ReasonCode.NORMAL_DISCONNECTION,
                        props().set(PropertyId.SESSION_EXPIRY_INTERVAL, 0).build()));
            }
            awaitSessionGone(broker.broker(), "back");
            assertNothingPendingBeforePing(watcher);
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-8] a session expiry (1 s) shorter than the will delay (60 s): the will is published "
            + "when the session ends")
    void willAtSessionEnd() {
        try (RawClient watcher = watcher()) {
            withWill("expiring", 1, delay(60)).close();
            awaitSessionGone(broker.broker(), "expiring");
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("last words of expiring");
        }
    }

    @Test
    @DisplayName("[MQTT-3.14.4-3] DISCONNECT 0x04 (with will message) publishes the will")
    void disconnectWithWillMessage() {
        try (RawClient watcher = watcher()) {
            disconnect(withWill("asking", 0, MqttProperties.EMPTY),
                    new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE));
            assertThat(receiveAndAck(watcher).payload()).isEqualTo("last words of asking");
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-10] [MQTT-3.14.4-3] a normal DISCONNECT (0x00) discards the will, delayed or not")
    void normalDisconnectDiscardsWill() {
        try (RawClient watcher = watcher()) {
            try (RawClient now = withWill("quiet", 0, MqttProperties.EMPTY)) {
                disconnect(now, Disconnect.NORMAL);
            }
            try (RawClient delayed = withWill("quieter", 0, delay(30))) {
                disconnect(delayed, Disconnect.NORMAL);
            }
            awaitSessionGone(broker.broker(), "quiet");
            awaitSessionGone(broker.broker(), "quieter");
            assertNothingPendingBeforePing(watcher);
        }
    }
}
