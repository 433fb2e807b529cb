package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.reject;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PingReq;
import io.tern.codec.v311.Samples.Sample;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What holds for every packet of MQTT 3.1 and 3.1.1: the body is exactly what the layout says, CONNECT comes
 * first, and each end receives only the packets that travel towards it (table 2.1 of the standard).
 */
@DisplayName("MQTT 3.1/3.1.1 packet format")
class PacketFormatTest {
    /** What only a client sends. */
    private static final Set<PacketType> TO_SERVER = EnumSet.of(PacketType.CONNECT, PacketType.SUBSCRIBE,
            PacketType.UNSUBSCRIBE, PacketType.PINGREQ);
    /** What only a server sends. */
    private static final Set<PacketType> TO_CLIENT = EnumSet.of(PacketType.CONNACK, PacketType.SUBACK,
            PacketType.UNSUBACK, PacketType.PINGRESP);

    private static Stream<Arguments> samples(Predicate<Sample> filter) {
        return Wire.VERSIONS.stream().flatMap(version -> Samples.of(version).stream().filter(filter)
                .map(sample -> Arguments.of(version, sample)));
    }

    /** Every sample but SUBACK, where a byte more is one more return code. */
    static Stream<Arguments> samplesButSuback() {
        return samples(sample -> sample.type() != PacketType.SUBACK);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samplesButSuback")
    @DisplayName("a byte more than the layout holds is malformed (CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP and "
            + "UNSUBACK have 2 bytes, PINGREQ, PINGRESP and DISCONNECT none)")
    void trailingByteIsMalformed(MqttVersion version, Sample sample) {
        byte[] bytes = Wire.packet(sample.bytes()[0] & 0xFF, body(sample), Wire.bytes(0));

        MqttCodecException e = reject(Wire.receiverOf(sample.type(), version), bytes);

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.packetType()).isEqualTo(sample.type());
        assertThat(e.version()).isEqualTo(version);
    }

    /** Every sample with a body but SUBACK, which without its return code breaks another rule. */
    static Stream<Arguments> samplesWithBody() {
        return samples(sample -> sample.bytes().length > 2 && sample.type() != PacketType.SUBACK);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samplesWithBody")
    @DisplayName("a body that ends before its last field is malformed")
    void truncatedBodyIsMalformed(MqttVersion version, Sample sample) {
        byte[] body = body(sample);
        byte[] bytes = Wire.packet(sample.bytes()[0] & 0xFF, Arrays.copyOf(body, body.length - 1));

        MqttCodecException e = reject(Wire.receiverOf(sample.type(), version), bytes);

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.packetType()).isEqualTo(sample.type());
    }

    static Stream<Sample> beforeConnect() {
        Stream<Sample> publish = Stream.of(new Sample(PacketType.PUBLISH, null, Wire.hex("30 04 00 01 61 78")));
        return Stream.concat(publish, Samples.of(MqttVersion.V3_1_1).stream()
                .filter(sample -> sample.type() != PacketType.CONNECT && !TO_CLIENT.contains(sample.type())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beforeConnect")
    @DisplayName("[MQTT-3.1.0-1] a first packet other than CONNECT is a protocol error, the version still unknown")
    void firstPacketMustBeConnect(Sample sample) {
        MqttPacketDecoder decoder = Wire.server(null);

        MqttCodecException e = reject(decoder, sample.bytes());

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(e.packetType()).isEqualTo(sample.type());
        assertThat(e.version()).isNull();
        assertThat(decoder.version()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("CONNECT fixes the version of the connection; the packets after it decode in that version")
    void connectFixesTheVersion(MqttVersion version) {
        MqttPacketDecoder decoder = Wire.server(null);
        Sample connect = Samples.of(version).get(0);

        assertThat(decode(decoder, connect.bytes())).isEqualTo(connect.packet());
        assertThat(decoder.version()).isEqualTo(version);
        assertThat(decode(decoder, Wire.hex("c0 00"))).isEqualTo(PingReq.INSTANCE);
    }

    static Stream<Arguments> wrongDirection() {
        return samples(sample -> TO_SERVER.contains(sample.type()) || TO_CLIENT.contains(sample.type()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongDirection")
    @DisplayName("a client receiving CONNECT, SUBSCRIBE, UNSUBSCRIBE or PINGREQ, or a server receiving CONNACK, "
            + "SUBACK, UNSUBACK or PINGRESP, is a protocol error")
    void packetTravellingTheWrongWay(MqttVersion version, Sample sample) {
        MqttPacketDecoder decoder = TO_SERVER.contains(sample.type()) ? Wire.client(version) : Wire.server(version);

        MqttCodecException e = reject(decoder, sample.bytes());

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(e.packetType()).isEqualTo(sample.type());
        assertThat(e.version()).isEqualTo(version);
    }

    /** The bytes after the fixed header (all samples have a one-byte remaining length). */
    private static byte[] body(Sample sample) {
        return Arrays.copyOfRange(sample.bytes(), 2, sample.bytes().length);
    }
}
