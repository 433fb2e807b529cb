package io.tern.broker.v5;

import static io.tern.broker.support.V5Flows.client;
import static io.tern.broker.support.V5Flows.connack;
import static io.tern.broker.support.V5Flows.connect;
import static io.tern.broker.support.V5Flows.connectPacket;
import static io.tern.broker.support.V5Flows.denying;
import static io.tern.broker.support.V5Flows.encodedSize;
import static io.tern.broker.support.V5Flows.expectDisconnect;
import static io.tern.broker.support.V5Flows.props;
import static io.tern.broker.support.V5Flows.publishPacket;
import static io.tern.broker.support.V5Flows.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.PublishResponse;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Reason String the broker puts on its refusals: left out of acknowledgements for a client that
 * asked for no problem information, and out of any packet it would push over the client's Maximum
 * Packet Size. Clients whose identifier begins with {@code refused} are not authenticated;
 * publishing and subscribing to {@code denied/...} is not authorized.
 */
class ReasonStringTest {
    /** Room for the CONNACK of an accepted client and for every refusal, but not with a reason string. */
    private static final int SMALL = 24;

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder
            .authenticator((client, password) -> CompletableFuture.completedFuture(
                    client.clientId().startsWith("refused") ? ReasonCode.NOT_AUTHORIZED : ReasonCode.SUCCESS))
            .authorizer(denying("denied/")));

    /** What the broker answered to a refused request, and how large that was on the wire. */
    private record Answer(ReasonCode code, MqttProperties properties, int size) {
        static Answer of(PublishResponse response) {
            return new Answer(response.reasonCode(), response.properties(), encodedSize(response));
        }

        boolean hasReasonString() {
            return properties.has(PropertyId.REASON_STRING);
        }
    }

    /** A request the broker refuses after CONNACK, and the reason code of its refusal. */
    private enum Refusal {
        PUBACK_NOT_AUTHORIZED(ReasonCode.NOT_AUTHORIZED) {
            @Override
            Answer provoke(RawClient client) {
                send(client, publishPacket("denied/t", QoS.AT_LEAST_ONCE, false, 1, MqttProperties.EMPTY, "x"));
                return Answer.of(client.receive(PubAck.class));
            }
        },
        PUBREC_NOT_AUTHORIZED(ReasonCode.NOT_AUTHORIZED) {
            @Override
            Answer provoke(RawClient client) {
                send(client, publishPacket("denied/t", QoS.EXACTLY_ONCE, false, 1, MqttProperties.EMPTY, "x"));
                return Answer.of(client.receive(PubRec.class));
            }
        },
        /** A PUBREC for a packet identifier the broker never sent. */
        PUBREL_NOT_FOUND(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND) {
            @Override
            Answer provoke(RawClient client) {
                client.send(new PubRec(7));
                return Answer.of(client.receive(PubRel.class));
            }
        },
        /** A PUBREL for a packet identifier that awaits no release. */
        PUBCOMP_NOT_FOUND(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND) {
            @Override
            Answer provoke(RawClient client) {
                client.send(new PubRel(7));
                return Answer.of(client.receive(PubComp.class));
            }
        },
        SUBACK_NOT_AUTHORIZED(ReasonCode.NOT_AUTHORIZED) {
            @Override
            Answer provoke(RawClient client) {
                client.send(new Subscribe(1, List.of(new Subscription("denied/#", QoS.AT_LEAST_ONCE)),
                        MqttProperties.EMPTY));
                Suback suback = client.receive(Suback.class);
                assertThat(suback.reasonCodes()).hasSize(1);
                return new Answer(suback.reasonCodes().get(0), suback.properties(), encodedSize(suback));
            }
        },
        /** An UNSUBSCRIBE from a filter the client never subscribed to. */
        UNSUBACK_NO_SUBSCRIPTION(ReasonCode.NO_SUBSCRIPTION_EXISTED) {
            @Override
            Answer provoke(RawClient client) {
                client.send(new Unsubscribe(1, List.of("never/subscribed"), MqttProperties.EMPTY));
                Unsuback unsuback = client.receive(Unsuback.class);
                assertThat(unsuback.reasonCodes()).hasSize(1);
                return new Answer(unsuback.reasonCodes().get(0), unsuback.properties(), encodedSize(unsuback));
            }
        };

        final ReasonCode expected;

        Refusal(ReasonCode expected) {
            this.expected = expected;
        }

        abstract Answer provoke(RawClient client);

        /** Connects a client with these CONNECT properties and provokes the refusal. */
        Answer provokeAs(EmbeddedBroker broker, String clientId, MqttProperties connectProperties) {
            try (RawClient client = connect(broker, connectPacket(clientId, true, connectProperties))) {
                Answer answer = provoke(client);
                assertThat(answer.code()).as(name()).isEqualTo(expected);
                return answer;
            }
        }
    }

    private static MqttProperties problemInformation(int value) {
        return props().set(PropertyId.REQUEST_PROBLEM_INFORMATION, value).build();
    }

    private static MqttProperties maximumPacketSize(int bytes) {
        return props().set(PropertyId.MAXIMUM_PACKET_SIZE, bytes).build();
    }

    /**
     * The refusal carries a reason string for a client without a Maximum Packet Size, and none, within
     * the limit, for a client whose limit it would exceed.
     */
    private void assertReasonStringOnlyWhereItFits(Refusal refusal) {
        Answer unlimited = refusal.provokeAs(broker, "unlimited", MqttProperties.EMPTY);
        assertThat(unlimited.hasReasonString()).as("reason string without a size limit").isTrue();
        assertThat(unlimited.size()).as("the reason string would not fit").isGreaterThan(SMALL);

        Answer limited = refusal.provokeAs(broker, "limited", maximumPacketSize(SMALL));
        assertThat(limited.hasReasonString()).as("reason string within %d bytes", SMALL).isFalse();
        assertThat(limited.size()).isLessThanOrEqualTo(SMALL);
    }

    @Test
    @DisplayName("[MQTT-3.1.2-29] with Request Problem Information 0 no refused PUBACK, PUBREC, PUBREL, PUBCOMP, "
            + "SUBACK or UNSUBACK carries a reason string; with 1 (and by default) each does")
    void noReasonStringOnAcknowledgementsWithoutProblemInformation() {
        for (Refusal refusal : Refusal.values()) {
            assertThat(refusal.provokeAs(broker, "default", MqttProperties.EMPTY).hasReasonString())
                    .as("%s by default", refusal).isTrue();
            assertThat(refusal.provokeAs(broker, "asks", problemInformation(1)).hasReasonString())
                    .as("%s with problem information 1", refusal).isTrue();
            Answer answer = refusal.provokeAs(broker, "quiet", problemInformation(0));
            assertThat(answer.hasReasonString()).as("%s with problem information 0", refusal).isFalse();
            assertThat(answer.properties().userProperties()).isEmpty();
        }
    }

    @Test
    @DisplayName("[MQTT-3.1.2-29] with Request Problem Information 0 a refused CONNACK and a DISCONNECT may still "
            + "carry a reason string, and do")
    void reasonStringStillOnConnackAndDisconnect() {
        try (RawClient refused = client(broker)) {
            Connack connack = connack(refused, connectPacket("refused", true, problemInformation(0)));
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(connack.properties().has(PropertyId.REASON_STRING)).isTrue();
        }
        try (RawClient erring = connect(broker, connectPacket("erring", true, problemInformation(0)))) {
            erring.send(connectPacket("erring", true, MqttProperties.EMPTY)); // a second CONNECT
            Disconnect disconnect = expectDisconnect(erring, ReasonCode.PROTOCOL_ERROR);
            assertThat(disconnect.properties().has(PropertyId.REASON_STRING)).isTrue();
        }
    }

    @Test
    @DisplayName("[MQTT-3.2.2-19] a refused CONNACK carries its reason string only if that fits the client's "
            + "Maximum Packet Size")
    void connackReasonStringOnlyWhereItFits() {
        int tiny = 10; // a refusal without properties is 5 bytes
        try (RawClient unlimited = client(broker)) {
            Connack connack = connack(unlimited, connectPacket("refused-unlimited", true, MqttProperties.EMPTY));
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(connack.properties().has(PropertyId.REASON_STRING)).isTrue();
            assertThat(encodedSize(connack)).isGreaterThan(tiny);
        }
        try (RawClient limited = client(broker)) {
            Connack connack = connack(limited, connectPacket("refused-limited", true, maximumPacketSize(tiny)));
            assertThat(connack.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
            assertThat(connack.properties().has(PropertyId.REASON_STRING)).isFalse();
            assertThat(encodedSize(connack)).isLessThanOrEqualTo(tiny);
        }
    }

    @Test
    @DisplayName("[MQTT-3.4.2-2] a PUBACK 0x87 carries its reason string only if that fits the client's Maximum "
            + "Packet Size")
    void pubackReasonStringOnlyWhereItFits() {
        assertReasonStringOnlyWhereItFits(Refusal.PUBACK_NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("[MQTT-3.5.2-2] a PUBREC 0x87 carries its reason string only if that fits the client's Maximum "
            + "Packet Size")
    void pubrecReasonStringOnlyWhereItFits() {
        assertReasonStringOnlyWhereItFits(Refusal.PUBREC_NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("[MQTT-3.6.2-2] a PUBREL 0x92 (PUBREC for an unknown packet identifier) carries its reason string "
            + "only if that fits the client's Maximum Packet Size")
    void pubrelReasonStringOnlyWhereItFits() {
        assertReasonStringOnlyWhereItFits(Refusal.PUBREL_NOT_FOUND);
    }

    @Test
    @DisplayName("[MQTT-3.7.2-2] a PUBCOMP 0x92 (PUBREL for an unknown packet identifier) carries its reason "
            + "string only if that fits the client's Maximum Packet Size")
    void pubcompReasonStringOnlyWhereItFits() {
        assertReasonStringOnlyWhereItFits(Refusal.PUBCOMP_NOT_FOUND);
    }

    @Test
    @DisplayName("[MQTT-3.11.2-1] an UNSUBACK 0x11 carries its reason string only if that fits the client's "
            + "Maximum Packet Size")
    void unsubackReasonStringOnlyWhereItFits() {
        assertReasonStringOnlyWhereItFits(Refusal.UNSUBACK_NO_SUBSCRIPTION);
    }

    @Test
    @DisplayName("[MQTT-3.9.2-1] a SUBACK 0x87 carries its reason string only if that fits the client's Maximum "
            + "Packet Size")
    void subackReasonStringOnlyWhereItFits() {
        assertReasonStringOnlyWhereItFits(Refusal.SUBACK_NOT_AUTHORIZED);
    }
}
