package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bin;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.cat;
import static io.tern.codec.v5.Wire.connect;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.encode;
import static io.tern.codec.v5.Wire.hex;
import static io.tern.codec.v5.Wire.hexOf;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.prop;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.rawStr;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static io.tern.codec.v5.Wire.withPublish;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.VariableByteInteger;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsubscribe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT 5.0 section 1.5, data representation: UTF-8 Encoded Strings in every string field the decoder reads,
 * Variable Byte Integers, and UTF-8 String Pairs.
 */
@DisplayName("MQTT 5.0 data representation (1.5)")
class DataRepresentationTest {

    /**
     * A UTF-8 string field of some packet: how to build a packet around the encoded string (its two-byte length
     * and content) and how to read the decoded value back.
     */
    record StringField(String name, Role role, Function<byte[], byte[]> packet, Function<MqttPacket, String> value) {
        @Override
        public String toString() {
            return name;
        }

        byte[] packetWith(byte[] content) {
            return packet.apply(rawStr(content));
        }

        String decoded(byte[] content) {
            MqttPacket decoded = decode(role, packetWith(content));
            try {
                return value.apply(decoded);
            } finally {
                ReferenceCountUtil.release(decoded);
            }
        }
    }

    static List<StringField> stringFields() {
        return List.of(
                new StringField("CONNECT Client Identifier [MQTT-3.1.3-4]", Role.SERVER,
                        field -> connect(0x02, props(), field),
                        p -> ((Connect) p).clientId()),
                new StringField("CONNECT Will Topic [MQTT-3.1.3-11]", Role.SERVER,
                        field -> connect(0x06, props(), str("c"), props(), field, bin("x")),
                        p -> ((Connect) p).will().topic()),
                new StringField("CONNECT User Name [MQTT-3.1.3-12]", Role.SERVER,
                        field -> connect(0x82, props(), str("c"), field),
                        p -> ((Connect) p).username()),
                new StringField("PUBLISH Topic Name [MQTT-3.3.2-1]", Role.SERVER,
                        field -> packet(0x30, field, props()),
                        p -> ((Publish) p).topic()),
                new StringField("PUBLISH Content Type [MQTT-3.3.2-19]", Role.SERVER,
                        field -> packet(0x30, str("t"), props(prop(0x03, field))),
                        p -> ((Publish) p).properties().stringValue(PropertyId.CONTENT_TYPE)),
                new StringField("PUBLISH Response Topic [MQTT-3.3.2-13]", Role.SERVER,
                        field -> packet(0x30, str("t"), props(prop(0x08, field))),
                        p -> ((Publish) p).properties().stringValue(PropertyId.RESPONSE_TOPIC)),
                new StringField("SUBSCRIBE Topic Filter [MQTT-3.8.3-1]", Role.SERVER,
                        field -> packet(0x82, u16(1), props(), field, bytes(0)),
                        p -> ((Subscribe) p).subscriptions().get(0).topicFilter()),
                new StringField("UNSUBSCRIBE Topic Filter [MQTT-3.10.3-1]", Role.SERVER,
                        field -> packet(0xA2, u16(1), props(), field),
                        p -> ((Unsubscribe) p).topicFilters().get(0)),
                new StringField("CONNACK Assigned Client Identifier", Role.CLIENT,
                        field -> packet(0x20, bytes(0, 0), props(prop(0x12, field))),
                        p -> ((Connack) p).properties().stringValue(PropertyId.ASSIGNED_CLIENT_IDENTIFIER)),
                new StringField("PUBACK Reason String", Role.SERVER,
                        field -> packet(0x40, u16(1), bytes(0x10), props(prop(0x1F, field))),
                        p -> ((PubAck) p).properties().stringValue(PropertyId.REASON_STRING)),
                new StringField("AUTH Authentication Method", Role.SERVER,
                        field -> packet(0xF0, bytes(0x18), props(prop(0x15, field))),
                        p -> ((Auth) p).properties().stringValue(PropertyId.AUTHENTICATION_METHOD)),
                new StringField("User Property name [MQTT-1.5.7-1]", Role.SERVER,
                        field -> packet(0xE0, bytes(0), props(prop(0x26, cat(field, str("v"))))),
                        p -> ((Disconnect) p).properties().userProperties().get(0).name()),
                new StringField("User Property value [MQTT-1.5.7-1]", Role.SERVER,
                        field -> packet(0xE0, bytes(0), props(prop(0x26, cat(str("n"), field)))),
                        p -> ((Disconnect) p).properties().userProperties().get(0).value()),
                new StringField("Will User Property value [MQTT-1.5.7-1]", Role.SERVER,
                        field -> connect(0x06, props(), str("c"), props(prop(0x26, cat(str("n"), field))),
                                str("w"), bin("x")),
                        p -> ((Connect) p).will().properties().userProperties().get(0).value()));
    }

    /** Byte sequences that are not well-formed UTF-8, or that encode a surrogate code point. */
    static List<Arguments> illFormedUtf8() {
        return List.of(
                Arguments.of("C0 80", "overlong U+0000"),
                Arguments.of("C1 BF", "overlong two-byte form"),
                Arguments.of("E0 80 AF", "overlong three-byte '/'"),
                Arguments.of("F0 80 80 AF", "overlong four-byte '/'"),
                Arguments.of("80", "lone continuation byte"),
                Arguments.of("61 BF 62", "continuation byte between ASCII"),
                Arguments.of("C3", "truncated two-byte sequence"),
                Arguments.of("E2 82", "truncated three-byte sequence"),
                Arguments.of("F0 9F 98", "truncated four-byte sequence"),
                Arguments.of("C3 28", "lead byte without continuation"),
                Arguments.of("F4 90 80 80", "above U+10FFFF"),
                Arguments.of("F8 88 80 80 80", "five-byte form"),
                Arguments.of("FE", "byte FE"),
                Arguments.of("FF", "byte FF"),
                Arguments.of("ED A0 80", "surrogate U+D800"),
                Arguments.of("ED AF BF", "surrogate U+DBFF"),
                Arguments.of("ED B0 80", "surrogate U+DC00"),
                Arguments.of("ED BF BF", "surrogate U+DFFF"),
                Arguments.of("ED A0 BD ED B8 80", "U+1F600 as two encoded surrogates (CESU-8)"));
    }

    static Stream<Arguments> illFormedUtf8InEveryField() {
        return stringFields().stream().flatMap(field -> illFormedUtf8().stream()
                .map(sequence -> Arguments.of(field, sequence.get()[0], sequence.get()[1])));
    }

    @ParameterizedTest(name = "{0}: {1} ({2})")
    @MethodSource("illFormedUtf8InEveryField")
    @DisplayName("[MQTT-1.5.4-1] ill-formed UTF-8 and encoded surrogates are refused as malformed (0x81)")
    void illFormedUtf8IsMalformed(StringField field, String sequence, String description) {
        assertRejected(field.role(), field.packetWith(hex(sequence)), ReasonCode.MALFORMED_PACKET);
    }

    static Stream<Arguments> nullCharacterInEveryField() {
        return stringFields().stream().flatMap(field -> Stream.of("00", "61 00", "00 61", "61 2F 00 2F 62")
                .map(sequence -> Arguments.of(field, sequence)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("nullCharacterInEveryField")
    @DisplayName("[MQTT-1.5.4-2] a string holding U+0000 is refused as malformed (0x81)")
    void nullCharacterIsMalformed(StringField field, String sequence) {
        assertRejected(field.role(), field.packetWith(hex(sequence)), ReasonCode.MALFORMED_PACKET);
    }

    static Stream<Arguments> wellFormedInEveryField() {
        return stringFields().stream().flatMap(field -> Stream.of(
                        "a", "\u00e9t\u00e9", "\u20ac/\u4e2d", "\ud83d\ude00", "\ud800\udc00/\udbff\udfff")
                .map(text -> Arguments.of(field, text)));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("wellFormedInEveryField")
    @DisplayName("[MQTT-1.5.4-1] well-formed UTF-8 of one to four bytes per character, supplementary characters "
            + "included, decodes to the same characters")
    void wellFormedUtf8Decodes(StringField field, String text) {
        assertThat(field.decoded(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    static Stream<Arguments> byteOrderMarkInEveryField() {
        return stringFields().stream().flatMap(field -> Stream.of(
                        Arguments.of(field, "EF BB BF 61", "\ufeffa"),
                        Arguments.of(field, "61 EF BB BF", "a\ufeff"),
                        Arguments.of(field, "EF BB BF", "\ufeff")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("byteOrderMarkInEveryField")
    @DisplayName("[MQTT-1.5.4-3] EF BB BF is the character U+FEFF wherever it is: kept, never skipped or stripped")
    void byteOrderMarkIsKept(StringField field, String sequence, String expected) {
        assertThat(field.decoded(hex(sequence))).isEqualTo(expected).isNotEqualTo(expected.replace("\ufeff", ""));
    }

    @Test
    @DisplayName("[MQTT-1.5.4-3] the encoder writes U+FEFF as EF BB BF and does not strip it")
    void encoderKeepsByteOrderMark() {
        Publish publish = new Publish("\ufeffa", QoS.AT_MOST_ONCE, false, false, 0,
                MqttProperties.builder().userProperty("\ufeff", "b\ufeff").build(), Unpooled.EMPTY_BUFFER);
        assertEncodes(publish, packet(0x30, str("\ufeffa"),
                props(prop(0x26, cat(rawStr(hex("EF BB BF")), rawStr(hex("62 EF BB BF")))))));
        assertThat(hexOf(str("\ufeffa"))).isEqualTo("00 04 EF BB BF 61");
    }

    // ---- 1.5.5 Variable Byte Integer ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "C0 80 00", // PINGREQ, remaining length 0 in two bytes
            "C0 80 80 00", // in three bytes
            "C0 80 80 80 00", // in four bytes
            "40 82 00 00 01", // PUBACK, remaining length 2 in two bytes
            "E0 81 80 00 00"}) // DISCONNECT, remaining length 1 in three bytes
    @DisplayName("[MQTT-1.5.5-1] a Remaining Length not in its fewest bytes is malformed (0x81)")
    void remainingLengthNotInShortestForm(String packet) {
        assertRejected(Role.SERVER, hex(packet), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"30 FF FF FF FF 7F", "C0 80 80 80 80 00", "30 80 80 80 80 01"})
    @DisplayName("[MQTT-1.5.5-1] a Remaining Length of more than four bytes is malformed (0x81)")
    void remainingLengthLongerThanFourBytes(String packet) {
        assertRejected(Role.SERVER, hex(packet), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-1.5.5-1] the largest Remaining Length, 268,435,455 in four bytes FF FF FF 7F, is a length "
            + "the decoder waits for, not an error")
    void largestRemainingLength() {
        MqttPacketDecoder decoder = new MqttPacketDecoder(Role.SERVER, MqttPacketDecoder.MAX_PACKET_SIZE);
        decoder.version(MqttVersion.V5);
        ByteBuf in = Unpooled.wrappedBuffer(hex("30 FF FF FF 7F 00 01 61 00"));
        try {
            assertThat(decoder.decode(in)).isNull();
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
        assertThat(MqttPacketDecoder.MAX_PACKET_SIZE).isEqualTo(1 + 4 + 268_435_455);
    }

    @ParameterizedTest(name = "remaining length {0} as {1}")
    @CsvSource({"4, 04", "127, 7F", "128, 80 01", "16383, FF 7F", "16384, 80 80 01"})
    @DisplayName("[MQTT-1.5.5-1] the encoder writes the Remaining Length in its fewest bytes, which the decoder "
            + "reads back")
    void remainingLengthInShortestForm(int remainingLength, String lengthHex) {
        byte[] payload = new byte[remainingLength - 4]; // topic "a" (3 bytes) and property length (1 byte)
        byte[] expected = cat(bytes(0x30), hex(lengthHex), str("a"), bytes(0), payload);
        Publish publish = new Publish("a", QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY,
                Unpooled.wrappedBuffer(payload));
        try {
            assertThat(hexOf(encode(publish))).isEqualTo(hexOf(expected));
        } finally {
            publish.release();
        }
        withPublish(Role.SERVER, expected, decoded -> assertThat(decoded.payload().readableBytes())
                .isEqualTo(payload.length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Property Length 0 as 80 00 (PUBACK)           | SERVER | 40 05 00 01 10 80 00",
            "property identifier 0x1F as 9F 00 (DISCONNECT) | SERVER | E0 07 00 05 9F 00 00 01 72",
            "Subscription Identifier 1 as 81 00 (SUBSCRIBE) | SERVER | 82 0A 00 01 03 0B 81 00 00 01 61 00",
            "Subscription Identifier 127 as FF 80 00 (PUBLISH) | CLIENT | 30 08 00 01 74 04 0B FF 80 00",
            "Subscription Identifier in five bytes (PUBLISH)   | CLIENT | 30 0A 00 01 74 06 0B FF FF FF FF 7F"})
    @DisplayName("[MQTT-1.5.5-1] Variable Byte Integers inside a packet, not in their fewest bytes or longer than "
            + "four, are malformed (0x81)")
    void variableByteIntegersInsideAPacket(String description, Role role, String packet) {
        assertRejected(role, hex(packet), ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"1, 01", "127, 7F", "128, 80 01", "16383, FF 7F", "16384, 80 80 01", "2097151, FF FF 7F",
            "2097152, 80 80 80 01", "268435455, FF FF FF 7F"})
    @DisplayName("[MQTT-1.5.5-1] a Subscription Identifier is written in its fewest bytes, up to four, and read back")
    void subscriptionIdentifierInShortestForm(int value, String encoded) {
        byte[] expected = packet(0x82, u16(1), props(prop(0x0B, hex(encoded))), str("a"), bytes(0));
        Subscribe subscribe = new Subscribe(1, List.of(new Subscription("a", QoS.AT_MOST_ONCE)),
                MqttProperties.builder().subscriptionIdentifier(value).build());
        assertEncodes(subscribe, expected);
        assertThat(decode(Role.SERVER, expected, Subscribe.class).properties().subscriptionIdentifiers())
                .containsExactly(value);
        ByteBuf out = Unpooled.buffer();
        VariableByteInteger.write(out, value);
        assertThat(hexOf(ByteBufUtil.getBytes(out))).isEqualTo(hexOf(hex(encoded)));
        assertThat(VariableByteInteger.size(value)).isEqualTo(hex(encoded).length);
    }

    // ---- 1.5.7 UTF-8 String Pair ----

    @Test
    @DisplayName("[MQTT-1.5.7-1] a User Property is a pair of UTF-8 strings, either possibly empty")
    void userPropertyPair() {
        byte[] bytes = packet(0xE0, bytes(0), props(
                prop(0x26, cat(str(""), str(""))),
                prop(0x26, cat(str("\u00e9"), str("\ud83d\ude00")))));
        assertThat(decode(Role.SERVER, bytes, Disconnect.class).properties().userProperties())
                .extracting(p -> p.name() + "=" + p.value())
                .containsExactly("=", "\u00e9=\ud83d\ude00");
    }

    @Test
    @DisplayName("[MQTT-1.5.7-1] a User Property missing its value is malformed (0x81)")
    void userPropertyWithoutValue() {
        assertRejected(Role.SERVER, packet(0xE0, bytes(0), props(prop(0x26, str("name")))),
                ReasonCode.MALFORMED_PACKET);
    }
}
