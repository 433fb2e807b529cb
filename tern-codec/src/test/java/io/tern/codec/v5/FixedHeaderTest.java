package io.tern.codec.v5;

import static io.tern.codec.v5.Wire.assertRejected;
import static io.tern.codec.v5.Wire.bytes;
import static io.tern.codec.v5.Wire.connect;
import static io.tern.codec.v5.Wire.decode;
import static io.tern.codec.v5.Wire.encode;
import static io.tern.codec.v5.Wire.hex;
import static io.tern.codec.v5.Wire.hexOf;
import static io.tern.codec.v5.Wire.packet;
import static io.tern.codec.v5.Wire.props;
import static io.tern.codec.v5.Wire.str;
import static io.tern.codec.v5.Wire.u16;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.tern.codec.MqttCodecException;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Auth;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT 5.0 section 2.1, the fixed header: packet type, the reserved flag bits of every type but PUBLISH (whose
 * flags {@link PublishTest} covers), the Remaining Length, and the maximum packet size the decoder enforces on it.
 */
@DisplayName("MQTT 5.0 fixed header (2.1)")
class FixedHeaderTest {

    /** A valid MQTT 5 packet of each type but PUBLISH, with its required flags, the role that receives it. */
    static Stream<Arguments> packetsWithRequiredFlags() {
        return Stream.of(
                Arguments.of(PacketType.CONNECT, "[MQTT-2.1.3-1]", Role.SERVER, connect(0x02, props(), str(""))),
                Arguments.of(PacketType.CONNACK, "[MQTT-2.1.3-1]", Role.CLIENT, packet(0x20, bytes(0, 0), props())),
                Arguments.of(PacketType.PUBACK, "[MQTT-2.1.3-1]", Role.SERVER, packet(0x40, u16(1))),
                Arguments.of(PacketType.PUBREC, "[MQTT-2.1.3-1]", Role.SERVER, packet(0x50, u16(1))),
                Arguments.of(PacketType.PUBREL, "[MQTT-2.1.3-1] [MQTT-3.6.1-1]", Role.SERVER, packet(0x62, u16(1))),
                Arguments.of(PacketType.PUBCOMP, "[MQTT-2.1.3-1]", Role.SERVER, packet(0x70, u16(1))),
                Arguments.of(PacketType.SUBSCRIBE, "[MQTT-2.1.3-1] [MQTT-3.8.1-1]", Role.SERVER,
                        packet(0x82, u16(1), props(), str("a"), bytes(0))),
                Arguments.of(PacketType.SUBACK, "[MQTT-2.1.3-1]", Role.CLIENT, packet(0x90, u16(1), props(), bytes(0))),
                Arguments.of(PacketType.UNSUBSCRIBE, "[MQTT-2.1.3-1] [MQTT-3.10.1-1]", Role.SERVER,
                        packet(0xA2, u16(1), props(), str("a"))),
                Arguments.of(PacketType.UNSUBACK, "[MQTT-2.1.3-1]", Role.CLIENT,
                        packet(0xB0, u16(1), props(), bytes(0))),
                Arguments.of(PacketType.PINGREQ, "[MQTT-2.1.3-1]", Role.SERVER, packet(0xC0)),
                Arguments.of(PacketType.PINGRESP, "[MQTT-2.1.3-1]", Role.CLIENT, packet(0xD0)),
                Arguments.of(PacketType.DISCONNECT, "[MQTT-2.1.3-1] [MQTT-3.14.1-1]", Role.SERVER, packet(0xE0)),
                Arguments.of(PacketType.AUTH, "[MQTT-2.1.3-1] [MQTT-3.15.1-1]", Role.SERVER, packet(0xF0)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packetsWithRequiredFlags")
    @DisplayName("[MQTT-2.1.3-1] the reserved flags hold exactly their tabled value (0010 for PUBREL, SUBSCRIBE and "
            + "UNSUBSCRIBE, 0000 otherwise); any of the 15 other values is malformed (0x81)")
    void reservedFlags(PacketType type, String ids, Role role, byte[] valid) {
        assertThat(valid[0] & 0x0F).isEqualTo(type == PacketType.PUBREL || type == PacketType.SUBSCRIBE
                || type == PacketType.UNSUBSCRIBE ? 0b0010 : 0b0000);
        MqttPacket decoded = decode(role, valid);
        assertThat(decoded.type()).isEqualTo(type);
        for (int flags = 0; flags < 16; flags++) {
            if (flags != (valid[0] & 0x0F)) {
                byte[] changed = valid.clone();
                changed[0] = (byte) (type.value() << 4 | flags);
                assertRejected(role, changed, ReasonCode.MALFORMED_PACKET);
            }
        }
    }

    static Stream<Arguments> encodedFirstBytes() {
        return Stream.of(
                Arguments.of(new Connect(MqttVersion.V5, "", true, 0, null, null, null, MqttProperties.EMPTY), 0x10),
                Arguments.of(new Connack(false, ReasonCode.SUCCESS, MqttProperties.EMPTY), 0x20),
                Arguments.of(new PubAck(1), 0x40),
                Arguments.of(new PubRec(1), 0x50),
                Arguments.of(new PubRel(1), 0x62),
                Arguments.of(new PubComp(1), 0x70),
                Arguments.of(new Subscribe(1, List.of(new Subscription("a", QoS.AT_MOST_ONCE)), MqttProperties.EMPTY),
                        0x82),
                Arguments.of(new Suback(1, List.of(ReasonCode.GRANTED_QOS_0), MqttProperties.EMPTY), 0x90),
                Arguments.of(new Unsubscribe(1, List.of("a"), MqttProperties.EMPTY), 0xA2),
                Arguments.of(new Unsuback(1, List.of(ReasonCode.SUCCESS), MqttProperties.EMPTY), 0xB0),
                Arguments.of(PingReq.INSTANCE, 0xC0),
                Arguments.of(PingResp.INSTANCE, 0xD0),
                Arguments.of(Disconnect.NORMAL, 0xE0),
                Arguments.of(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, MqttProperties.EMPTY), 0xF0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodedFirstBytes")
    @DisplayName("[MQTT-2.1.3-1] [MQTT-3.6.1-1] [MQTT-3.8.1-1] [MQTT-3.10.1-1] [MQTT-3.14.1-1] [MQTT-3.15.1-1] the "
            + "encoder writes the packet type and the tabled reserved flags")
    void encoderWritesRequiredFlags(MqttPacket packet, int firstByte) {
        assertThat(encode(packet)[0] & 0xFF).isEqualTo(firstByte);
    }

    @Test
    @DisplayName("packet type 0 is reserved: malformed (0x81), the type unknown")
    void reservedPacketType() {
        for (Role role : Role.values()) {
            ByteBuf in = Unpooled.wrappedBuffer(hex("00 00"));
            MqttPacketDecoder decoder = new MqttPacketDecoder(role, MqttPacketDecoder.MAX_PACKET_SIZE);
            decoder.version(MqttVersion.V5);
            try {
                decoder.decode(in);
                throw new AssertionError("packet type 0 decoded");
            } catch (MqttCodecException e) {
                assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
                assertThat(e.packetType()).isNull();
            } finally {
                in.release();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C0 01 00", "D0 01 00"})
    @DisplayName("PINGREQ and PINGRESP have no variable header and no payload (3.12, 3.13): extra bytes are "
            + "malformed (0x81)")
    void pingsHaveNoBody(String packet) {
        byte[] bytes = hex(packet);
        assertRejected(bytes[0] == (byte) 0xC0 ? Role.SERVER : Role.CLIENT, bytes, ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Role.class)
    @DisplayName("[MQTT-3.2.2-15] [MQTT-3.1.2-24] a packet larger than the receiver's Maximum Packet Size is refused "
            + "with Packet too large (0x95) from its fixed header, before its body arrives; one of exactly that "
            + "size is accepted")
    void packetTooLarge(Role role) {
        // PUBLISH "a", no properties, payload of 5 bytes: 1 + 1 + 3 + 1 + 5 = 11 bytes
        byte[] publish = packet(0x30, str("a"), props(), bytes(1, 2, 3, 4, 5));
        assertThat(publish).hasSize(11);

        MqttPacketDecoder exact = new MqttPacketDecoder(role, 11);
        exact.version(MqttVersion.V5);
        ByteBuf whole = Unpooled.wrappedBuffer(publish);
        try {
            MqttPacket decoded = exact.decode(whole);
            assertThat(decoded).isInstanceOf(Publish.class);
            ReferenceCountUtil.release(decoded);
        } finally {
            whole.release();
        }

        MqttPacketDecoder smaller = new MqttPacketDecoder(role, 10);
        smaller.version(MqttVersion.V5);
        ByteBuf header = Unpooled.wrappedBuffer(publish, 0, 2);
        try {
            smaller.decode(header);
            throw new AssertionError("a packet of 11 bytes passed a maximum of 10: " + hexOf(publish));
        } catch (MqttCodecException e) {
            assertThat(e.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
            assertThat(e.packetType()).isEqualTo(PacketType.PUBLISH);
        } finally {
            header.release();
        }
    }
}
