package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.bytes;
import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.encode;
import static io.tern.codec.v311.Wire.hex;
import static io.tern.codec.v311.Wire.reject;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Publish;
import io.tern.codec.v311.Samples.Sample;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixed header of MQTT 3.1 and 3.1.1 (section 2.2): packet type, reserved flags [MQTT-2.2.2-1]
 * [MQTT-2.2.2-2], remaining length, and the maximum packet size a receiver enforces.
 */
@DisplayName("MQTT 3.1/3.1.1 fixed header")
class FixedHeaderTest {

    /** The per-type statements that repeat 2.2.2-1 for one packet; {@code receiving}: the receiver's ones too. */
    private static String typeIds(PacketType type, boolean receiving) {
        return switch (type) {
            case PUBREL -> " [MQTT-3.6.1-1]";
            case SUBSCRIBE -> " [MQTT-3.8.1-1]";
            case UNSUBSCRIBE -> " [MQTT-3.10.1-1]";
            case DISCONNECT -> receiving ? " [MQTT-3.14.1-1]" : "";
            default -> "";
        };
    }

    static Stream<Arguments> samplesSent() {
        return Wire.VERSIONS.stream().flatMap(version -> Samples.of(version).stream()
                .map(sample -> Arguments.of(version, sample, typeIds(sample.type(), false))));
    }

    static Stream<Arguments> samplesReceived() {
        return Wire.VERSIONS.stream().flatMap(version -> Samples.of(version).stream()
                .map(sample -> Arguments.of(version, sample, typeIds(sample.type(), true))));
    }

    @ParameterizedTest(name = "{0} {1}{2}")
    @MethodSource("samplesSent")
    @DisplayName("[MQTT-2.2.2-1] the encoder writes the tabled flags (0010 for PUBREL, SUBSCRIBE and UNSUBSCRIBE, "
            + "0000 for the others) and the tabled layout")
    void encoderWritesTheTabledFlags(MqttVersion version, Sample sample, String ids) {
        byte[] encoded = encode(sample.packet(), version);

        assertThat(hex(encoded)).isEqualTo(hex(sample.bytes()));
        assertThat(encoded[0] & 0x0F).isEqualTo(sample.type().requiredFlags());
    }

    @ParameterizedTest(name = "{0} {1}{2}")
    @MethodSource("samplesSent")
    @DisplayName("[MQTT-2.2.2-1] with the tabled flags each packet decodes")
    void decoderAcceptsTheTabledFlags(MqttVersion version, Sample sample, String ids) {
        assertThat(decode(Wire.receiverOf(sample.type(), version), sample.bytes())).isEqualTo(sample.packet());
    }

    static Stream<Arguments> otherFlags() {
        return samplesReceived().flatMap(arguments -> {
            Sample sample = (Sample) arguments.get()[1];
            return IntStream.range(0, 16).filter(flags -> flags != sample.type().requiredFlags())
                    .mapToObj(flags -> Arguments.of(arguments.get()[0], sample, arguments.get()[2],
                            String.format("%4s", Integer.toBinaryString(flags)).replace(' ', '0')));
        });
    }

    @ParameterizedTest(name = "{0} {1} with flags {3}{2}")
    @MethodSource("otherFlags")
    @DisplayName("[MQTT-2.2.2-1][MQTT-2.2.2-2] any other value of the reserved flags is malformed")
    void otherFlagsAreMalformed(MqttVersion version, Sample sample, String ids, String flags) {
        byte[] bytes = Wire.withFirstByte(sample.bytes(), sample.type().value() << 4 | Integer.parseInt(flags, 2));

        MqttCodecException e = reject(Wire.receiverOf(sample.type(), version), bytes);

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.packetType()).isEqualTo(sample.type());
    }

    static Stream<Arguments> reservedTypeZero() {
        return Stream.of(null, MqttVersion.V3_1, MqttVersion.V3_1_1)
                .flatMap(version -> IntStream.of(0x00, 0x02, 0x0F)
                        .mapToObj(first -> Arguments.of(version, Wire.hexByte(first))));
    }

    @ParameterizedTest(name = "version {0}, first byte {1}")
    @MethodSource("reservedTypeZero")
    @DisplayName("packet type 0 is reserved: malformed, at either end, before and after CONNECT")
    void packetTypeZeroIsMalformed(MqttVersion version, int firstByte) {
        for (MqttPacketDecoder decoder : new MqttPacketDecoder[] {Wire.server(version), Wire.client(version)}) {
            MqttCodecException e = reject(decoder, bytes(firstByte, 0));

            assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
            assertThat(e.packetType()).isNull();
            assertThat(e.version()).isEqualTo(version);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("packet type 15 (AUTH of MQTT 5) is reserved before MQTT 5: malformed at either end")
    void authIsMalformed(MqttVersion version) {
        for (MqttPacketDecoder decoder : new MqttPacketDecoder[] {Wire.server(version), Wire.client(version)}) {
            MqttCodecException e = reject(decoder, bytes(0xF0, 0));

            assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
            assertThat(e.packetType()).isEqualTo(PacketType.AUTH);
            assertThat(e.version()).isEqualTo(version);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"c0 80 00", "c0 80 80 00", "c0 80 80 80 00", "e0 80 00", "40 82 00 00 07",
        "30 83 00 00 01 61"})
    @DisplayName("a remaining length not in its shortest form is malformed")
    void remainingLengthNotInShortestForm(String hex) {
        byte[] bytes = Wire.hex(hex);

        MqttCodecException e = reject(Wire.server(MqttVersion.V3_1_1), bytes);

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.packetType()).isEqualTo(PacketType.of((bytes[0] & 0xFF) >>> 4));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"30 ff ff ff ff 7f", "c0 80 80 80 80 00", "30 80 80 80 80"})
    @DisplayName("a remaining length of more than 4 bytes is malformed, without waiting for a fifth byte")
    void remainingLengthOfFiveBytes(String hex) {
        MqttCodecException e = reject(Wire.server(MqttVersion.V3_1_1), Wire.hex(hex));

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("the largest remaining length, 268,435,455 (ff ff ff 7f), is read: the decoder waits for the body")
    void largestRemainingLength(MqttVersion version) {
        Wire.assertIncomplete(Wire.server(version), Wire.hex("30 ff ff ff 7f 00 01 61"));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.tern.codec.v311.Wire#VERSIONS")
    @DisplayName("a packet larger than the maximum packet size is refused from its fixed header: PACKET_TOO_LARGE")
    void packetLargerThanTheMaximum(MqttVersion version) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(MqttPacketDecoder.Role.SERVER, 10);
        decoder.version(version);
        // PUBLISH QoS 0 to "a": 2 bytes of fixed header, 3 of topic, 5 or 6 of payload
        byte[] fits = Wire.packet(0x30, Wire.str("a"), bytes('h', 'e', 'l', 'l', 'o'));
        byte[] tooLarge = Wire.packet(0x30, Wire.str("a"), bytes('h', 'e', 'l', 'l', 'o', '!'));

        assertThat(fits).hasSize(10);
        assertThat(((Publish) decode(decoder, fits)).topic()).isEqualTo("a");
        MqttCodecException e = reject(decoder, Arrays.copyOf(tooLarge, 2));
        assertThat(e.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        assertThat(e.packetType()).isEqualTo(PacketType.PUBLISH);
        assertThat(e.version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samplesSent")
    @DisplayName("a packet split anywhere is decoded only once complete: until then nothing is consumed")
    void incompletePacketsWait(MqttVersion version, Sample sample, String ids) {
        MqttPacketDecoder decoder = Wire.receiverOf(sample.type(), version);
        for (int length = 0; length < sample.bytes().length; length++) {
            Wire.assertIncomplete(decoder, Arrays.copyOf(sample.bytes(), length));
        }
        assertThat(decode(decoder, sample.bytes())).isEqualTo(sample.packet());
    }
}
