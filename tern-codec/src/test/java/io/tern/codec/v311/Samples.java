package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.hex;

import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
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
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.List;

/**
 * One small, valid packet of every MQTT 3.1 / 3.1.1 type but PUBLISH (whose flags are not reserved), with its
 * exact bytes. The bytes are written out by hand from the standard's figures, not produced by the encoder.
 */
final class Samples {
    private Samples() {
    }

    /** A packet and its bytes on a connection of some version. */
    record Sample(PacketType type, MqttPacket packet, byte[] bytes) {
        @Override
        public String toString() {
            return type.toString();
        }
    }

    /** The samples of {@code version}, one per type from CONNECT to DISCONNECT, PUBLISH left out. */
    static List<Sample> of(MqttVersion version) {
        return List.of(
                new Sample(PacketType.CONNECT, new Connect(version, "c", true, 60, null, null, null,
                        MqttProperties.EMPTY), version == MqttVersion.V3_1
                        // 00 06 "MQIsdp", level 3, flags clean session, keep alive 60, client id "c"
                        ? hex("10 0f 00 06 4d 51 49 73 64 70 03 02 00 3c 00 01 63")
                        // 00 04 "MQTT", level 4, flags clean session, keep alive 60, client id "c"
                        : hex("10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 63")),
                new Sample(PacketType.CONNACK, new Connack(false, ReasonCode.SUCCESS, MqttProperties.EMPTY),
                        hex("20 02 00 00")),
                new Sample(PacketType.PUBACK, new PubAck(7), hex("40 02 00 07")),
                new Sample(PacketType.PUBREC, new PubRec(7), hex("50 02 00 07")),
                new Sample(PacketType.PUBREL, new PubRel(7), hex("62 02 00 07")),
                new Sample(PacketType.PUBCOMP, new PubComp(7), hex("70 02 00 07")),
                new Sample(PacketType.SUBSCRIBE, new Subscribe(7, List.of(new Subscription("a", QoS.AT_LEAST_ONCE)),
                        MqttProperties.EMPTY), hex("82 06 00 07 00 01 61 01")),
                new Sample(PacketType.SUBACK, new Suback(7, List.of(ReasonCode.GRANTED_QOS_1), MqttProperties.EMPTY),
                        hex("90 03 00 07 01")),
                new Sample(PacketType.UNSUBSCRIBE, new Unsubscribe(7, List.of("a"), MqttProperties.EMPTY),
                        hex("a2 05 00 07 00 01 61")),
                new Sample(PacketType.UNSUBACK, new Unsuback(7, List.of(), MqttProperties.EMPTY), hex("b0 02 00 07")),
                new Sample(PacketType.PINGREQ, PingReq.INSTANCE, hex("c0 00")),
                new Sample(PacketType.PINGRESP, PingResp.INSTANCE, hex("d0 00")),
                new Sample(PacketType.DISCONNECT, Disconnect.NORMAL, hex("e0 00")));
    }
}
