package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertEncodes;
import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.PublishResponse;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Unsuback;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reason codes each MQTT 5 packet may carry, from the tables of chapter 3 written out here: the decoder accepts
 * exactly those (any other byte is malformed) and the packet records refuse any other, so the encoder cannot send one.
 */
@DisplayName("MQTT 5.0 reason codes per packet (3.x)")
class ReasonCodesTest {

    /**
     * One packet type: the codes its table lists, its bytes with a reason code and no properties, its short form
     * for Success if it has one, and its record with a reason code.
     */
    record Case(String label, Role role, Set<Integer> codes, IntFunction<byte[]> wire, byte[] shortSuccess,
                Function<ReasonCode, MqttPacket> record) {
        @Override
        public String toString() {
            return label;
        }

        byte[] expectedEncoding(int code) {
            return code == 0 && shortSuccess != null ? shortSuccess : wire.apply(code);
        }
    }

    private static Set<Integer> codes(int... codes) {
        return IntStream.of(codes).boxed().collect(Collectors.toUnmodifiableSet());
    }

    static final Set<Integer> PUBACK_PUBREC = codes(0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99);
    static final Set<Integer> PUBREL_PUBCOMP = codes(0x00, 0x92);

    static Stream<Case> cases() {
        return Stream.of(
                new Case("[MQTT-3.2.2-8] CONNACK", Role.CLIENT,
                        codes(0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95,
                                0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F),
                        code -> packet(0x20, bytes(0, code), props()), null,
                        code -> new Connack(false, code, MqttProperties.EMPTY)),
                new Case("[MQTT-3.4.2-1] PUBACK", Role.SERVER, PUBACK_PUBREC,
                        code -> packet(0x40, u16(1), bytes(code)), packet(0x40, u16(1)),
                        code -> new PubAck(1, code, MqttProperties.EMPTY)),
                new Case("[MQTT-3.5.2-1] PUBREC", Role.SERVER, PUBACK_PUBREC,
                        code -> packet(0x50, u16(1), bytes(code)), packet(0x50, u16(1)),
                        code -> new PubRec(1, code, MqttProperties.EMPTY)),
                new Case("[MQTT-3.6.2-1] PUBREL", Role.SERVER, PUBREL_PUBCOMP,
                        code -> packet(0x62, u16(1), bytes(code)), packet(0x62, u16(1)),
                        code -> new PubRel(1, code, MqttProperties.EMPTY)),
                new Case("[MQTT-3.7.2-1] PUBCOMP", Role.SERVER, PUBREL_PUBCOMP,
                        code -> packet(0x70, u16(1), bytes(code)), packet(0x70, u16(1)),
                        code -> new PubComp(1, code, MqttProperties.EMPTY)),
                new Case("[MQTT-3.9.3-2] SUBACK", Role.CLIENT,
                        codes(0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2),
                        code -> packet(0x90, u16(1), props(), bytes(code)), null,
                        code -> new Suback(1, List.of(code), MqttProperties.EMPTY)),
                new Case("[MQTT-3.11.3-2] UNSUBACK", Role.CLIENT,
                        codes(0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91),
                        code -> packet(0xB0, u16(1), props(), bytes(code)), null,
                        code -> new Unsuback(1, List.of(code), MqttProperties.EMPTY)),
                // table 3.14.2.1, plus 0x8C Bad authentication method, which the table of 2.4 lists for DISCONNECT
                new Case("[MQTT-3.14.2-1] DISCONNECT", Role.SERVER,
                        codes(0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F, 0x90,
                                0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0,
                                0xA1, 0xA2),
                        code -> packet(0xE0, bytes(code)), packet(0xE0),
                        Disconnect::new),
                new Case("[MQTT-3.15.2-1] AUTH", Role.SERVER, codes(0x00, 0x18, 0x19),
                        code -> packet(0xF0, bytes(code)), packet(0xF0),
                        code -> new Auth(code, MqttProperties.EMPTY)));
    }

    private static int reasonCodeOf(MqttPacket packet) {
        if (packet instanceof Connack connack) {
            return connack.reasonCode().value();
        } else if (packet instanceof PublishResponse response) {
            return response.reasonCode().value();
        } else if (packet instanceof Suback suback) {
            return suback.reasonCodes().get(0).value();
        } else if (packet instanceof Unsuback unsuback) {
            return unsuback.reasonCodes().get(0).value();
        } else if (packet instanceof Disconnect disconnect) {
            return disconnect.reasonCode().value();
        } else if (packet instanceof Auth auth) {
            return auth.reasonCode().value();
        }
        throw new AssertionError("no reason code in " + packet);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("[MQTT-3.2.2-8] [MQTT-3.4.2-1] [MQTT-3.5.2-1] [MQTT-3.6.2-1] [MQTT-3.7.2-1] [MQTT-3.9.3-2] "
            + "[MQTT-3.11.3-2] [MQTT-3.14.2-1] [MQTT-3.15.2-1] the decoder accepts exactly the reason codes of the "
            + "packet's table; any other of the 256 byte values is malformed (0x81)")
    void decoderAcceptsExactlyTheTabledCodes(Case c) {
        for (int code = 0; code < 256; code++) {
            byte[] bytes = c.wire().apply(code);
            if (c.codes().contains(code)) {
                assertThat(reasonCodeOf(decode(c.role(), bytes))).isEqualTo(code);
            } else {
                assertRejected(c.role(), bytes, ReasonCode.MALFORMED_PACKET);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("[MQTT-3.2.2-8] [MQTT-3.4.2-1] [MQTT-3.5.2-1] [MQTT-3.6.2-1] [MQTT-3.7.2-1] [MQTT-3.9.3-2] "
            + "[MQTT-3.11.3-2] [MQTT-3.14.2-1] [MQTT-3.15.2-1] a sender can build and encode only the reason codes of "
            + "the packet's table")
    void senderUsesOnlyTheTabledCodes(Case c) {
        for (ReasonCode code : ReasonCode.values()) {
            if (c.codes().contains(code.value())) {
                assertEncodes(c.record().apply(code), c.expectedEncoding(code.value()));
            } else {
                assertThatIllegalArgumentException().as("%s in %s", code, c)
                        .isThrownBy(() -> c.record().apply(code));
            }
        }
    }
}
