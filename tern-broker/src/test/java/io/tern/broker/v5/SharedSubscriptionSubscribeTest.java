package io.tern.broker.v5;

import static io.tern.broker.v5.SharedSubscriptionFlows.connectV5;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.RetainHandling;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Subscribing to a shared subscription, {@code $share/{ShareName}/{filter}}, from MQTT 5 and MQTT 3.1.1 clients. */
class SharedSubscriptionSubscribeTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("no retained message is sent on subscribing to a shared subscription (MQTT 5.0 section 4.8.2)")
    void noRetainedMessagesOnSharedSubscribe(MqttVersion version) {
        RawFlows.publishFrom(broker, "status", QoS.AT_LEAST_ONCE, true, "retained");
        try (RawClient member = version == MqttVersion.V5 ? connectV5(broker, "member")
                : RawFlows.connect(broker, "member")) {
            RawFlows.subscribe(member, "$share/g/status", QoS.AT_LEAST_ONCE);
            RawFlows.assertNothingPendingBeforePing(member);

            RawFlows.subscribe(member, "status", QoS.AT_LEAST_ONCE); // the retained message is there
            assertThat(RawFlows.receiveAndAck(member).payload()).isEqualTo("retained");
        }
    }

    @Test
    @DisplayName("[MQTT-3.8.3-4] No Local on a shared subscription: DISCONNECT 0x82 and close")
    void noLocalOnSharedSubscriptionIsAProtocolError() {
        try (RawClient client = connectV5(broker, "client")) {
            client.send(new Subscribe(1, List.of(new Subscription("$share/g/t", QoS.AT_LEAST_ONCE, true,
                    false, RetainHandling.SEND_ON_SUBSCRIBE)), MqttProperties.EMPTY));

            assertThat(client.receive(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"$share/g", "$share//t"})
    @DisplayName("an MQTT 3.1.1 client subscribing to an invalid shared subscription gets SUBACK failure 0x80")
    void invalidSharedFilterFromMqtt311(String filter) {
        try (RawClient client = RawFlows.connect(broker, "client")) {
            assertThat(RawFlows.subscribe(client, 1, new Subscription(filter, QoS.AT_LEAST_ONCE)).reasonCodes())
                    .containsExactly(ReasonCode.UNSPECIFIED_ERROR);
        }
    }

    @Test
    @DisplayName("a session can be a member of several groups")
    void memberOfSeveralGroups() {
        try (RawClient member = connectV5(broker, "member")) {
            RawFlows.subscribe(member, "$share/one/a/+", QoS.AT_LEAST_ONCE);
            RawFlows.subscribe(member, "$share/two/a/b", QoS.AT_LEAST_ONCE);
            SharedSubscriptionFlows.publish(broker, "a/b", "both");

            assertThat(RawFlows.receiveAndAck(member, 2)).extracting(RawFlows.Received::payload)
                    .containsExactly("both", "both");
            RawFlows.assertNothingPendingBeforePing(member);
        }
    }
}
