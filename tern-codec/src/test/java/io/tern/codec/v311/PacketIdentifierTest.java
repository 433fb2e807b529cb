package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.bytes;
import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.encode;
import static io.tern.codec.v311.Wire.hex;
import static io.tern.codec.v311.Wire.packet;
import static io.tern.codec.v311.Wire.reject;
import static io.tern.codec.v311.Wire.str;
import static io.tern.codec.v311.Wire.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Packet identifiers of MQTT 3.1 and 3.1.1 (section 2.3.1): which packets carry one, and never 0. */
@DisplayName("MQTT 3.1/3.1.1 packet identifiers")
class PacketIdentifierTest {

    /** A packet type that carries a packet identifier, as bytes and as a record, given the identifier. */
    record Carrier(String label, String ids, PacketType type, IntFunction<byte[]> bytes,
                   IntFunction<MqttPacket> packet) {
        @Override
        public String toString() {
            return label + ids;
        }
    }

    static final List<Carrier> CARRIERS = List.of(
            new Carrier("PUBLISH QoS 1", " [MQTT-2.3.1-1]", PacketType.PUBLISH,
                    id -> packet(0x32, str("a"), u16(id), bytes('x')),
                    id -> new Publish("a", QoS.AT_LEAST_ONCE, false, false, id, MqttProperties.EMPTY,
                            Wire.payload("x"))),
            new Carrier("PUBLISH QoS 2", " [MQTT-2.3.1-1]", PacketType.PUBLISH,
                    id -> packet(0x34, str("a"), u16(id), bytes('x')),
                    id -> new Publish("a", QoS.EXACTLY_ONCE, false, false, id, MqttProperties.EMPTY,
                            Wire.payload("x"))),
            new Carrier("SUBSCRIBE", " [MQTT-2.3.1-1]", PacketType.SUBSCRIBE,
                    id -> packet(0x82, u16(id), str("a"), bytes(0)),
                    id -> new Subscribe(id, List.of(new Subscription("a", QoS.AT_MOST_ONCE)), MqttProperties.EMPTY)),
            new Carrier("UNSUBSCRIBE", " [MQTT-2.3.1-1]", PacketType.UNSUBSCRIBE,
                    id -> packet(0xA2, u16(id), str("a")),
                    id -> new Unsubscribe(id, List.of("a"), MqttProperties.EMPTY)),
            new Carrier("PUBACK", " [MQTT-2.3.1-6]", PacketType.PUBACK, id -> packet(0x40, u16(id)), PubAck::new),
            new Carrier("PUBREC", " [MQTT-2.3.1-6]", PacketType.PUBREC, id -> packet(0x50, u16(id)), PubRec::new),
            new Carrier("PUBREL", " [MQTT-2.3.1-6]", PacketType.PUBREL, id -> packet(0x62, u16(id)), PubRel::new),
            new Carrier("PUBCOMP", "", PacketType.PUBCOMP, id -> packet(0x70, u16(id)), PubComp::new),
            new Carrier("SUBACK", " [MQTT-2.3.1-7]", PacketType.SUBACK, id -> packet(0x90, u16(id), bytes(0)),
                    id -> new Suback(id, List.of(ReasonCode.GRANTED_QOS_0), MqttProperties.EMPTY)),
            new Carrier("UNSUBACK", " [MQTT-2.3.1-7]", PacketType.UNSUBACK, id -> packet(0xB0, u16(id)),
                    id -> new Unsuback(id, List.of(), MqttProperties.EMPTY)));

    static Stream<Arguments> identifiers() {
        return Wire.VERSIONS.stream().flatMap(version -> CARRIERS.stream()
                .flatMap(carrier -> Stream.of(1, 0x1234, 0xFFFF).map(id -> Arguments.of(version, carrier,
                        Named.of(String.format("0x%04x", id), id)))));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("identifiers")
    @DisplayName("[MQTT-2.3.1-1][MQTT-2.3.1-6][MQTT-2.3.1-7] the two-byte packet identifier, 1 to 65,535, is "
            + "written right after the fixed header (after the topic name in PUBLISH) and read back as it is")
    void identifierBothWays(MqttVersion version, Carrier carrier, int id) {
        byte[] bytes = carrier.bytes().apply(id);
        MqttPacket packet = carrier.packet().apply(id);

        assertThat(hex(encode(packet, version))).isEqualTo(hex(bytes));
        assertThat(decode(Wire.receiverOf(carrier.type(), version), bytes)).isEqualTo(packet);
    }

    static Stream<Arguments> carriers() {
        return Wire.VERSIONS.stream().flatMap(version -> CARRIERS.stream()
                .map(carrier -> Arguments.of(version, carrier)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("carriers")
    @DisplayName("[MQTT-2.3.1-1] packet identifier 0 is malformed (in the acknowledgements too, which echo a "
            + "non-zero one)")
    void identifierZeroIsMalformed(MqttVersion version, Carrier carrier) {
        MqttCodecException e = reject(Wire.receiverOf(carrier.type(), version), carrier.bytes().apply(0));

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.packetType()).isEqualTo(carrier.type());
        assertThat(e.version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CARRIERS")
    @DisplayName("[MQTT-2.3.1-1] no packet with identifier 0 can be built, so the encoder never writes one")
    void identifierZeroCannotBeEncoded(Carrier carrier) {
        assertThatIllegalArgumentException().isThrownBy(() -> carrier.packet().apply(0));
    }

    static Stream<Arguments> qos0() {
        return Wire.VERSIONS.stream().flatMap(version -> Stream.of(
                Arguments.of(version, Named.of("server", Wire.server(version))),
                Arguments.of(version, Named.of("client", Wire.client(version)))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("qos0")
    @DisplayName("[MQTT-2.3.1-5] a QoS 0 PUBLISH has no packet identifier: the payload starts right after the topic "
            + "name")
    void qos0PublishHasNoIdentifier(MqttVersion version, MqttPacketDecoder decoder) {
        byte[] bytes = Wire.hex("30 05 00 01 61 68 69"); // topic "a", payload "hi"
        Publish publish = new Publish("a", QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY,
                Wire.payload("hi"));

        assertThat(hex(encode(publish, version))).isEqualTo(hex(bytes));
        assertThat(decode(decoder, bytes)).isEqualTo(publish);
        assertThatIllegalArgumentException().isThrownBy(() -> new Publish("a", QoS.AT_MOST_ONCE, false, false, 1,
                MqttProperties.EMPTY, Wire.payload("hi")));
    }
}
