package io.tern.codec;

import static io.tern.codec.EncodedPackets.ALLOC;
import static io.tern.codec.EncodedPackets.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribePayload;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.PacketArbitraries.Sample;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.PublishResponse;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.packet.Will;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Tuple;

/**
 * Differential check against Netty's own MQTT decoder ({@code netty-codec-mqtt}): the encodings of generated valid
 * packets, decoded by {@link io.netty.handler.codec.mqtt.MqttDecoder} and by {@link MqttPacketDecoder}, must give
 * the same packet type, flags, remaining length, packet identifier, topic, payload, client identifier, will, user
 * name and password, subscriptions and their options, reason codes and MQTT 5 properties (identifiers and values,
 * repeated ones in order).
 *
 * <p>Versions 3.1.1 and 5.0 for every packet type, 3.1 for CONNECT (every other packet of 3.1 is laid out as in
 * 3.1.1). Netty keeps the version of a channel in a channel attribute that it sets when it decodes a CONNECT, so
 * each Netty channel first decodes a CONNECT of the version under test, whatever the direction of the packet.
 *
 * <p>No case is excluded: the generator makes only valid packets, and Netty 4.2's decoder with strict UTF-8
 * validation, a large {@code maxBytesInMessage} and a large {@code maxClientIdLength} accepts all of them. Where
 * Netty represents a value its own way, the comparison translates: a QoS 0 PUBLISH has packet identifier -1 in
 * Netty, 0 in Tern; an MQTT 3 CONNACK return code is compared with the reason code's MQTT 3 return code; an MQTT 3
 * acknowledgement has no reason code in Netty's sense, and compares as success.
 */
@Label("Differential against Netty's MqttDecoder")
@AddLifecycleHook(LeakCheck.class)
class NettyDifferentialProperties {
    /** Netty's limit of the bytes of a message: as large as MQTT allows. */
    private static final int NETTY_MAX_BYTES_IN_MESSAGE = MqttPacketDecoder.MAX_PACKET_SIZE;
    /** Netty's limit of the length of a client identifier (MQTT 3.1 says 23; the codec leaves that to the broker). */
    private static final int NETTY_MAX_CLIENT_ID_LENGTH = 0xFFFF;

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, PacketArbitraries.samples(Arbitraries.of(MqttVersion.V3_1_1, MqttVersion.V5))),
                Tuple.of(1, PacketArbitraries.connects(MqttVersion.V3_1)
                        .map(connect -> new Sample(MqttVersion.V3_1, Role.SERVER, connect))));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    @Label("Netty's MqttDecoder and ours decode the encoding of a valid packet to the same content")
    void nettyAgrees(@ForAll("samples") Sample sample) {
        MqttVersion version = sample.version();
        MqttPacket packet = sample.packet();
        byte[] encoding;
        try {
            encoding = EncodedPackets.bytes(packet, version);
        } finally {
            release(packet);
        }

        MqttPacket ours = EncodedPackets.decode(sample.decoder(MqttPacketDecoder.MAX_PACKET_SIZE), encoding);
        EmbeddedChannel channel = EncodedPackets.channel(new io.netty.handler.codec.mqtt.MqttDecoder(
                NETTY_MAX_BYTES_IN_MESSAGE, NETTY_MAX_CLIENT_ID_LENGTH, true));
        ByteBuf input = ALLOC.buffer(encoding.length).writeBytes(encoding);
        MqttMessage theirs = null;
        try {
            if (!(packet instanceof Connect)) {
                teachVersion(channel, version);
            }
            channel.writeInbound(input);
            theirs = channel.readInbound();
            assertThat(theirs).as("Netty's message").isNotNull();
            assertThat(channel.inboundMessages()).as("more Netty messages").isEmpty();
            assertAgree(ours, theirs, encoding, version);
        } finally {
            release(ours);
            release(theirs);
            channel.finishAndReleaseAll();
        }
        assertThat(input.refCnt()).isZero();
    }

    /** Has Netty's decoder read a CONNECT of the version, which sets the version of the channel. */
    private static void teachVersion(EmbeddedChannel channel, MqttVersion version) {
        Connect connect = new Connect(version, "differential", true, 0, null, null, null, MqttProperties.EMPTY);
        channel.writeInbound(MqttPacketEncoder.encode(ALLOC, connect, version));
        MqttMessage decoded = channel.readInbound();
        assertThat(decoded.decoderResult().isSuccess()).isTrue();
        assertThat(decoded.fixedHeader().messageType())
                .isEqualTo(io.netty.handler.codec.mqtt.MqttMessageType.CONNECT);
    }

    private static void assertAgree(MqttPacket ours, MqttMessage theirs, byte[] encoding, MqttVersion version) {
        assertThat(theirs.decoderResult().cause()).as("Netty's decoder failure").isNull();
        assertThat(theirs.decoderResult().isSuccess()).isTrue();
        assertThat(ours).as("our packet").isNotNull();

        MqttFixedHeader fixed = theirs.fixedHeader();
        assertThat(fixed.messageType().value()).as("packet type").isEqualTo(ours.type().value());
        assertThat((fixed.isDup() ? 8 : 0) | fixed.qosLevel().value() << 1 | (fixed.isRetain() ? 1 : 0))
                .as("fixed header flags").isEqualTo(encoding[0] & 0x0F);
        assertThat(fixed.remainingLength()).as("remaining length")
                .isEqualTo(encoding.length - EncodedPackets.fixedHeaderLength(encoding));

        if (ours instanceof Connect connect) {
            assertConnect(connect, theirs, version);
        } else if (ours instanceof Connack connack) {
            MqttConnAckVariableHeader header = (MqttConnAckVariableHeader) theirs.variableHeader();
            assertThat(header.isSessionPresent()).isEqualTo(connack.sessionPresent());
            assertThat(header.connectReturnCode().byteValue() & 0xFF).as("return code").isEqualTo(version.isV5()
                    ? connack.reasonCode().value()
                    : ConnectReturnCodes.toReturnCode(connack.reasonCode()));
            assertSameProperties(connack.properties(), header.properties());
        } else if (ours instanceof Publish publish) {
            MqttPublishVariableHeader header = (MqttPublishVariableHeader) theirs.variableHeader();
            assertThat(fixed.isDup()).isEqualTo(publish.dup());
            assertThat(fixed.qosLevel().value()).isEqualTo(publish.qos().value());
            assertThat(fixed.isRetain()).isEqualTo(publish.retained());
            assertThat(header.topicName()).as("topic").isEqualTo(publish.topic());
            // Netty says -1 where a QoS 0 PUBLISH has no packet identifier
            assertThat(header.packetId()).as("packet id")
                    .isEqualTo(publish.qos() == QoS.AT_MOST_ONCE ? -1 : publish.packetId());
            assertSameProperties(publish.properties(), header.properties());
            assertThat(ByteBufUtil.getBytes((ByteBuf) theirs.payload())).as("payload")
                    .isEqualTo(ByteBufUtil.getBytes(publish.payload()));
        } else if (ours instanceof PublishResponse response) {
            MqttMessageIdVariableHeader header = (MqttMessageIdVariableHeader) theirs.variableHeader();
            assertThat(header.messageId()).as("packet id").isEqualTo(response.packetId());
            if (header instanceof MqttPubReplyMessageVariableHeader reply) {
                assertThat(reply.reasonCode() & 0xFF).as("reason code").isEqualTo(response.reasonCode().value());
                assertSameProperties(response.properties(), reply.properties());
            } else {
                assertThat(response.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
                assertThat(response.properties()).isEqualTo(MqttProperties.EMPTY);
            }
        } else if (ours instanceof Subscribe subscribe) {
            MqttMessageIdAndPropertiesVariableHeader header =
                    (MqttMessageIdAndPropertiesVariableHeader) theirs.variableHeader();
            assertThat(header.messageId()).as("packet id").isEqualTo(subscribe.packetId());
            assertSameProperties(subscribe.properties(), header.properties());
            List<MqttTopicSubscription> subscriptions = ((MqttSubscribePayload) theirs.payload()).topicSubscriptions();
            assertThat(subscriptions).hasSameSizeAs(subscribe.subscriptions());
            for (int i = 0; i < subscriptions.size(); i++) {
                Subscription expected = subscribe.subscriptions().get(i);
                MqttSubscriptionOption option = subscriptions.get(i).option();
                assertThat(subscriptions.get(i).topicFilter()).as("topic filter").isEqualTo(expected.topicFilter());
                assertThat(option.qos().value()).as("QoS").isEqualTo(expected.qos().value());
                assertThat(option.isNoLocal()).as("no local").isEqualTo(expected.noLocal());
                assertThat(option.isRetainAsPublished()).as("retain as published")
                        .isEqualTo(expected.retainAsPublished());
                assertThat(option.retainHandling().value()).as("retain handling")
                        .isEqualTo(expected.retainHandling().value());
            }
        } else if (ours instanceof Suback suback) {
            MqttMessageIdAndPropertiesVariableHeader header =
                    (MqttMessageIdAndPropertiesVariableHeader) theirs.variableHeader();
            assertThat(header.messageId()).as("packet id").isEqualTo(suback.packetId());
            assertSameProperties(suback.properties(), header.properties());
            assertThat(((MqttSubAckPayload) theirs.payload()).reasonCodes()).as("reason codes")
                    .isEqualTo(suback.reasonCodes().stream().map(ReasonCode::value).toList());
        } else if (ours instanceof Unsubscribe unsubscribe) {
            MqttMessageIdAndPropertiesVariableHeader header =
                    (MqttMessageIdAndPropertiesVariableHeader) theirs.variableHeader();
            assertThat(header.messageId()).as("packet id").isEqualTo(unsubscribe.packetId());
            assertSameProperties(unsubscribe.properties(), header.properties());
            assertThat(((MqttUnsubscribePayload) theirs.payload()).topics()).as("topic filters")
                    .isEqualTo(unsubscribe.topicFilters());
        } else if (ours instanceof Unsuback unsuback) {
            MqttMessageIdVariableHeader header = (MqttMessageIdVariableHeader) theirs.variableHeader();
            assertThat(header.messageId()).as("packet id").isEqualTo(unsuback.packetId());
            if (header instanceof MqttMessageIdAndPropertiesVariableHeader withProperties) {
                assertSameProperties(unsuback.properties(), withProperties.properties());
            }
            MqttUnsubAckPayload payload = (MqttUnsubAckPayload) theirs.payload();
            List<Integer> codes = payload == null ? List.of()
                    : payload.unsubscribeReasonCodes().stream().map(code -> code & 0xFF).toList();
            assertThat(codes).as("reason codes")
                    .isEqualTo(unsuback.reasonCodes().stream().map(ReasonCode::value).toList());
        } else if (ours instanceof Disconnect disconnect) {
            assertReasonCodeAndProperties(theirs, disconnect.reasonCode(), disconnect.properties());
        } else if (ours instanceof Auth auth) {
            assertReasonCodeAndProperties(theirs, auth.reasonCode(), auth.properties());
        }
        // PINGREQ and PINGRESP: type, flags and length only
    }

    private static void assertConnect(Connect connect, MqttMessage theirs, MqttVersion version) {
        MqttConnectVariableHeader header = (MqttConnectVariableHeader) theirs.variableHeader();
        MqttConnectPayload payload = (MqttConnectPayload) theirs.payload();
        Will will = connect.will();
        assertThat(header.name()).as("protocol name").isEqualTo(version.protocolName());
        assertThat(header.version()).as("protocol level").isEqualTo(version.level());
        assertThat(header.isCleanSession()).as("clean start").isEqualTo(connect.cleanStart());
        assertThat(header.keepAliveTimeSeconds()).as("keep alive").isEqualTo(connect.keepAlive());
        assertThat(header.hasUserName()).as("user name flag").isEqualTo(connect.username() != null);
        assertThat(header.hasPassword()).as("password flag").isEqualTo(connect.password() != null);
        assertThat(header.isWillFlag()).as("will flag").isEqualTo(will != null);
        assertThat(header.willQos()).as("will QoS").isEqualTo(will == null ? 0 : will.qos().value());
        assertThat(header.isWillRetain()).as("will retain").isEqualTo(will != null && will.retain());
        assertSameProperties(connect.properties(), header.properties());

        assertThat(payload.clientIdentifier()).as("client id").isEqualTo(connect.clientId());
        assertThat(payload.userName()).as("user name").isEqualTo(connect.username());
        assertThat(payload.passwordInBytes()).as("password").isEqualTo(connect.password());
        if (will == null) {
            assertThat(payload.willTopic()).isNull();
        } else {
            assertThat(payload.willTopic()).as("will topic").isEqualTo(will.topic());
            assertThat(payload.willMessageInBytes()).as("will payload").isEqualTo(will.payload());
            assertSameProperties(will.properties(), payload.willProperties());
        }
    }

    private static void assertReasonCodeAndProperties(MqttMessage theirs, ReasonCode reasonCode,
                                                      MqttProperties properties) {
        MqttReasonCodeAndPropertiesVariableHeader header =
                (MqttReasonCodeAndPropertiesVariableHeader) theirs.variableHeader();
        if (header == null) { // nothing after the fixed header: success and no properties
            assertThat(reasonCode).isEqualTo(ReasonCode.SUCCESS);
            assertThat(properties).isEqualTo(MqttProperties.EMPTY);
            return;
        }
        assertThat(header.reasonCode() & 0xFF).as("reason code").isEqualTo(reasonCode.value());
        assertSameProperties(properties, header.properties());
    }

    /** The same property identifiers, and for each the same values in the same order. */
    private static void assertSameProperties(MqttProperties ours,
                                             io.netty.handler.codec.mqtt.MqttProperties theirs) {
        Set<Integer> ourIds = new TreeSet<>();
        for (int i = 0; i < ours.size(); i++) {
            ourIds.add(ours.idAt(i).id());
        }
        Set<Integer> theirIds = new TreeSet<>();
        for (io.netty.handler.codec.mqtt.MqttProperties.MqttProperty<?> property : theirs.listAll()) {
            theirIds.add(property.propertyId());
        }
        assertThat(theirIds).as("property identifiers").isEqualTo(ourIds);
        for (PropertyId id : PropertyId.values()) {
            List<Object> ourValues = new ArrayList<>();
            for (int i = 0; i < ours.size(); i++) {
                if (ours.idAt(i) == id) {
                    ourValues.add(comparable(ours.valueAt(i)));
                }
            }
            List<Object> theirValues = new ArrayList<>();
            for (io.netty.handler.codec.mqtt.MqttProperties.MqttProperty<?> property : theirs.getProperties(id.id())) {
                theirValues.add(comparable(property.value()));
            }
            assertThat(theirValues).as("values of %s", id).isEqualTo(ourValues);
        }
    }

    /** A property value in a form that compares by content: integers, strings, hex of bytes, name-value lists. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof UserProperty pair) {
            return List.of(pair.name(), pair.value());
        }
        if (value instanceof io.netty.handler.codec.mqtt.MqttProperties.StringPair pair) {
            return List.of(pair.key, pair.value);
        }
        return value;
    }
}
