package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.decode;
import static io.tern.codec.v311.Wire.reject;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttVersion;
import io.tern.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UTF-8 Encoded Strings (section 1.5.3) in every string field a server decodes in MQTT 3.1 and 3.1.1: client
 * identifier, will topic, user name, PUBLISH topic name, SUBSCRIBE and UNSUBSCRIBE topic filters. Each invocation
 * also names the statement that makes its field a UTF-8 string.
 */
@DisplayName("MQTT 3.1/3.1.1 UTF-8 encoded strings")
class Utf8StringTest {

    /** Every version and field with every byte sequence, the sequence named by its hexadecimal form. */
    private static Stream<Arguments> everyField(String... hexes) {
        return Wire.VERSIONS.stream().flatMap(version -> Arrays.stream(StringField.values())
                .flatMap(field -> Arrays.stream(hexes).map(hex -> Arguments.of(version, field, field.utf8Id(),
                        Named.of(hex, Wire.hex(hex))))));
    }

    private static void assertMalformed(MqttVersion version, StringField field, byte[] raw) {
        MqttCodecException e = reject(field.decoder(version), field.packetWith(version, raw));

        assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(e.packetType()).isEqualTo(field.type());
        assertThat(e.version()).isEqualTo(version);
    }

    static Stream<Arguments> illFormed() {
        return everyField(
                "80", "bf", "61 80 62", // continuation bytes without a lead byte
                "c3", "e2 82", "f0 9f 98", "61 c3", // sequences cut short
                "c0 af", "e0 80 af", "f0 80 80 af", // overlong forms of '/'
                "f8 88 80 80 80", "fc 84 80 80 80 80", "fe", "ff", // bytes UTF-8 never uses
                "f4 90 80 80"); // beyond U+10FFFF
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @MethodSource("illFormed")
    @DisplayName("[MQTT-1.5.3-1] ill-formed UTF-8 in a string is malformed")
    void illFormedUtf8IsMalformed(MqttVersion version, StringField field, String id, byte[] raw) {
        assertMalformed(version, field, raw);
    }

    static Stream<Arguments> surrogates() {
        return everyField("ed a0 80", "ed af bf", "ed b0 80", "ed bf bf", "61 ed a0 80 62",
                "ed a0 bd ed b8 80"); // the last: U+1F600 as a surrogate pair (CESU-8), not as 4 bytes
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @MethodSource("surrogates")
    @DisplayName("[MQTT-1.5.3-1] an encoded surrogate code point (U+D800 to U+DFFF) in a string is malformed")
    void encodedSurrogateIsMalformed(MqttVersion version, StringField field, String id, byte[] raw) {
        assertMalformed(version, field, raw);
    }

    static Stream<Arguments> nulls() {
        return everyField("00", "61 00", "61 2f 00 2f 62", "c0 80"); // the last: the overlong null of Java's
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @MethodSource("nulls")
    @DisplayName("[MQTT-1.5.3-2][MQTT-4.7.3-2] U+0000 in a string, topic names and filters included, is malformed")
    void nullCharacterIsMalformed(MqttVersion version, StringField field, String id, byte[] raw) {
        assertMalformed(version, field, raw);
    }

    static Stream<Arguments> wellFormed() {
        return Wire.VERSIONS.stream().flatMap(version -> Arrays.stream(StringField.values())
                .flatMap(field -> Stream.of("ü", "€", "😀", "a/é/€/😀", "\uFFFD")
                        .map(text -> Arguments.of(version, field, field.utf8Id(), text))));
    }

    @ParameterizedTest(name = "{0} {1} {2}: \"{3}\"")
    @MethodSource("wellFormed")
    @DisplayName("well-formed UTF-8, 1 to 4 bytes a character, decodes to its characters")
    void wellFormedUtf8Decodes(MqttVersion version, StringField field, String id, String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);

        assertThat(field.read(decode(field.decoder(version), field.packetWith(version, raw)))).isEqualTo(text);
    }

    static Stream<Arguments> byteOrderMarks() {
        return Wire.VERSIONS.stream().flatMap(version -> Arrays.stream(StringField.values())
                .flatMap(field -> Stream.of(
                        Arguments.of(version, field, Named.of("ef bb bf 61 2f 62", Wire.hex("ef bb bf 61 2f 62")),
                                "\uFEFFa/b"),
                        Arguments.of(version, field, Named.of("61 2f ef bb bf 62", Wire.hex("61 2f ef bb bf 62")),
                                "a/\uFEFFb"))));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("byteOrderMarks")
    @DisplayName("[MQTT-1.5.3-3] EF BB BF is U+FEFF wherever it is, and the decoder keeps it")
    void byteOrderMarkIsKept(MqttVersion version, StringField field, byte[] raw, String expected) {
        String decoded = field.read(decode(field.decoder(version), field.packetWith(version, raw)));

        assertThat(decoded).isEqualTo(expected).isNotEqualTo("a/b");
    }
}
