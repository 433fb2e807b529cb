package io.tern.codec;

import static io.tern.codec.EncodedPackets.ALLOC;
import static io.tern.codec.EncodedPackets.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.EmptyByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.PacketArbitraries.Sample;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Round trips of generated valid packets of every type and version: {@link MqttPacketEncoder} then
 * {@link MqttPacketDecoder}, and the Netty handler {@link MqttCodec} at both ends.
 */
@Label("Codec round trips")
@AddLifecycleHook(LeakCheck.class)
class CodecRoundTripProperties {
    @Provide
    Arbitrary<Sample> samples() {
        return PacketArbitraries.samples();
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Label("encode then decode gives an equal packet, consumes exactly the encoding, whose size encodedSize "
            + "predicts; fixed-header flags are as tabled (3.1.1 [MQTT-2.2.2-1], 5.0 [MQTT-2.1.3-1])")
    void encodeThenDecode(@ForAll("samples") Sample sample) {
        MqttPacket packet = sample.packet();
        try {
            Statistics.label("type").collect(packet.type()).coverage(coverage -> {
                for (PacketType type : PacketType.values()) {
                    coverage.check(type).count(count -> count > 0);
                }
            });
            Statistics.label("version").collect(sample.version());
            assertRoundTrip(sample);
        } finally {
            release(packet);
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    @Label("encodeWithoutPayload followed by the payload gives the bytes of encode")
    void encodeWithoutPayloadThenPayloadIsEncode(@ForAll("samples") Sample sample) {
        MqttPacket packet = sample.packet();
        ByteBuf whole = MqttPacketEncoder.encode(ALLOC, packet, sample.version());
        ByteBuf header = MqttPacketEncoder.encodeWithoutPayload(ALLOC, packet, sample.version());
        try {
            List<ByteBuf> parts = new ArrayList<>(List.of(header));
            if (packet instanceof Publish publish) {
                parts.add(publish.payload());
            }
            assertThat(EncodedPackets.concat(parts)).isEqualTo(ByteBufUtil.getBytes(whole));
        } finally {
            whole.release();
            header.release();
            release(packet);
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    @Label("MqttCodec in one channel writes bytes (the PUBLISH payload buffer itself, not a copy) that "
            + "MqttCodec in another channel, the other end, turns back into an equal packet")
    void throughNettyHandlers(@ForAll("samples") Sample sample) {
        MqttVersion version = sample.version();
        MqttPacket packet = sample.packet();
        MqttPacketDecoder.Role writer = sample.role() == MqttPacketDecoder.Role.SERVER
                ? MqttPacketDecoder.Role.CLIENT : MqttPacketDecoder.Role.SERVER;
        EmbeddedChannel encoderChannel = EncodedPackets.channel(
                new MqttCodec(writer, MqttPacketDecoder.MAX_PACKET_SIZE));
        EmbeddedChannel decoderChannel = EncodedPackets.channel(
                new MqttCodec(sample.role(), MqttPacketDecoder.MAX_PACKET_SIZE));
        List<ByteBuf> written = new ArrayList<>();
        Object decoded = null;
        try {
            if (!(packet instanceof Connect)) {
                MqttChannelVersion.set(encoderChannel, version); // writing CONNECT sets it
            }
            if (!sample.versionLearnedFromPacket()) {
                MqttChannelVersion.set(decoderChannel, version);
            }
            // Writing hands the PUBLISH, payload included, over to the channel, which consumes its bytes (Netty's
            // convention for ByteBufHolder messages): write a retained duplicate and keep the original to compare.
            MqttPacket sent = packet instanceof Publish publish ? publish.retainedDuplicate() : packet;
            assertThat(encoderChannel.writeOutbound(sent)).isTrue();
            for (Object out; (out = encoderChannel.readOutbound()) != null; ) {
                written.add((ByteBuf) out);
            }
            assertThat(MqttChannelVersion.get(encoderChannel)).isEqualTo(version);
            assertThat(EncodedPackets.concat(written)).isEqualTo(EncodedPackets.bytes(packet, version));
            if (sent instanceof Publish publish) {
                assertThat(written).hasSize(2);
                assertThat(written.get(1)).as("the payload buffer, not a copy").isSameAs(publish.payload());
            } else {
                assertThat(written).hasSize(1);
            }

            for (ByteBuf buffer : written) {
                decoderChannel.writeInbound(buffer);
            }
            decoded = decoderChannel.readInbound();
            assertThat(decoded).isEqualTo(packet);
            assertThat(decoderChannel.inboundMessages()).as("more packets").isEmpty();
            assertThat(MqttChannelVersion.get(decoderChannel)).isEqualTo(version);
        } finally {
            release(decoded);
            encoderChannel.finishAndReleaseAll();
            decoderChannel.finishAndReleaseAll();
            release(packet);
        }
        // every buffer written was released by the decoder (but for the shared empty buffer, never released)
        for (ByteBuf buffer : written) {
            if (!(buffer instanceof EmptyByteBuf)) {
                assertThat(buffer.refCnt()).isZero();
            }
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Label("the other end's decoder decodes the packets that go both ways and refuses with PROTOCOL_ERROR the "
            + "others: what only a server receives, what only a client receives, and a PUBLISH with subscription "
            + "identifiers at a server (the decoder's part of 5.0 [MQTT-3.3.4-6])")
    void otherDirection(@ForAll("samples") Sample sample) {
        MqttPacket packet = sample.packet();
        try {
            Role other = sample.role() == Role.SERVER ? Role.CLIENT : Role.SERVER;
            assertThat(PacketArbitraries.decodableBy(packet, sample.version(), sample.role())).isTrue();
            assertThat(PacketArbitraries.decodableBy(packet, sample.version(), PacketArbitraries.decodingRole(packet))).isTrue();
            boolean otherReceives = PacketArbitraries.decodableBy(packet, sample.version(), other);
            Statistics.label("the other end receives it").collect(otherReceives)
                    .coverage(coverage -> coverage.check(false).percentage(percent -> percent > 10));
            Statistics.label("PUBLISH with subscription identifiers")
                    .collect(packet instanceof Publish publish
                            && publish.properties().has(PropertyId.SUBSCRIPTION_IDENTIFIER))
                    .coverage(coverage -> coverage.check(true).count(count -> count > 0));
            if (otherReceives) {
                assertRoundTrip(new Sample(sample.version(), other, packet));
                return;
            }
            byte[] encoding = EncodedPackets.bytes(packet, sample.version());
            MqttPacketDecoder decoder = new MqttPacketDecoder(other, MqttPacketDecoder.MAX_PACKET_SIZE);
            decoder.version(sample.version());
            assertThatThrownBy(() -> EncodedPackets.decode(decoder, encoding))
                    .isInstanceOfSatisfying(MqttCodecException.class, e -> {
                        assertThat(e.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
                        assertThat(e.packetType()).isEqualTo(packet.type());
                    });
        } finally {
            release(packet);
        }
    }

    @Provide
    Arbitrary<Integer> variableByteIntegers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, VariableByteInteger.MAX_VALUE),
                Arbitraries.of(0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, VariableByteInteger.MAX_VALUE));
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    @Label("5.0 [MQTT-1.5.5-1]: a Variable Byte Integer is written in the fewest bytes (at most 4) and reads back; "
            + "the reader refuses the same value in a longer form")
    void variableByteIntegerInFewestBytes(@ForAll("variableByteIntegers") int value) {
        ByteBuf buffer = ALLOC.buffer();
        try {
            VariableByteInteger.write(buffer, value);
            int fewest = value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : 4;
            assertThat(buffer.readableBytes()).isEqualTo(fewest).isEqualTo(VariableByteInteger.size(value));

            PacketReader reader = new PacketReader();
            reader.reset(buffer, buffer.writerIndex(), PacketType.SUBSCRIBE, MqttVersion.V5);
            assertThat(reader.readVariableByteInteger()).isEqualTo(value);
            assertThat(buffer.isReadable()).isFalse();

            if (fewest < 4) {
                // the same value with one more, zero, digit
                byte[] longer = Arrays.copyOf(ByteBufUtil.getBytes(buffer, 0, fewest), fewest + 1);
                longer[fewest - 1] |= (byte) 0x80;
                ByteBuf longerBuffer = ALLOC.buffer().writeBytes(longer);
                try {
                    reader.reset(longerBuffer, longer.length, PacketType.SUBSCRIBE, MqttVersion.V5);
                    assertThatThrownBy(reader::readVariableByteInteger)
                            .isInstanceOfSatisfying(MqttCodecException.class,
                                    e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET));
                } finally {
                    longerBuffer.release();
                }
            }
        } finally {
            buffer.release();
        }
    }

    @Provide
    Arbitrary<Sample> bomTopics() {
        return PacketArbitraries.versions().flatMap(version -> PacketArbitraries.publishes(version, false)
                .map(publish -> new Sample(version, Role.SERVER, publish.topic().isEmpty()
                        ? publish
                        : new Publish("\uFEFF" + publish.topic(), publish.qos(), publish.retained(), publish.dup(),
                                publish.packetId(), publish.properties(), publish.payload()))));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    @Label("a topic starting with U+FEFF is written as EF BB BF and read back with the BOM kept "
            + "(3.1.1 [MQTT-1.5.3-3], 5.0 [MQTT-1.5.4-3])")
    void byteOrderMarkIsKept(@ForAll("bomTopics") Sample sample) {
        Publish publish = (Publish) sample.packet();
        try {
            if (publish.topic().isEmpty()) {
                return; // an alias stands for the topic
            }
            byte[] encoding = EncodedPackets.bytes(publish, sample.version());
            int topicStart = EncodedPackets.fixedHeaderLength(encoding) + 2;
            assertThat(Arrays.copyOfRange(encoding, topicStart, topicStart + 3))
                    .containsExactly(0xEF, 0xBB, 0xBF);
            MqttPacket decoded = EncodedPackets.decode(sample.decoder(MqttPacketDecoder.MAX_PACKET_SIZE), encoding);
            try {
                assertThat(((Publish) decoded).topic()).startsWith("\uFEFF").isEqualTo(publish.topic());
            } finally {
                release(decoded);
            }
        } finally {
            release(publish);
        }
    }

    @Provide
    Arbitrary<Sample> qos0Publishes() {
        return PacketArbitraries.versions().flatMap(version -> Arbitraries.of(true, false).flatMap(fromServer ->
                PacketArbitraries.publishes(version, fromServer).map(publish -> new Sample(version,
                        fromServer ? Role.CLIENT : Role.SERVER,
                        new Publish(publish.topic(), QoS.AT_MOST_ONCE, publish.retained(), false, 0,
                                publish.properties(), publish.payload())))));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    @Label("a QoS 0 PUBLISH has no packet identifier: the properties (5.0) or the payload (3.1, 3.1.1) follow the "
            + "topic name (3.1.1 [MQTT-2.3.1-5], 5.0 [MQTT-2.2.1-2])")
    void qos0PublishHasNoPacketIdentifier(@ForAll("qos0Publishes") Sample sample) {
        Publish publish = (Publish) sample.packet();
        try {
            byte[] encoding = EncodedPackets.bytes(publish, sample.version());
            int topicLength = (encoding[EncodedPackets.fixedHeaderLength(encoding)] & 0xFF) << 8
                    | encoding[EncodedPackets.fixedHeaderLength(encoding) + 1] & 0xFF;
            int afterTopic = EncodedPackets.fixedHeaderLength(encoding) + 2 + topicLength;
            int payloadStart = afterTopic;
            if (sample.version().isV5()) {
                PacketReader reader = new PacketReader();
                ByteBuf buffer = ALLOC.buffer().writeBytes(encoding);
                try {
                    buffer.readerIndex(afterTopic);
                    reader.reset(buffer, encoding.length, PacketType.PUBLISH, MqttVersion.V5);
                    int propertiesLength = reader.readVariableByteInteger();
                    payloadStart = buffer.readerIndex() + propertiesLength;
                } finally {
                    buffer.release();
                }
            }
            assertThat(Arrays.copyOfRange(encoding, payloadStart, encoding.length))
                    .isEqualTo(ByteBufUtil.getBytes(publish.payload()));
            assertRoundTrip(sample);
        } finally {
            release(publish);
        }
    }

    @Provide
    Arbitrary<Sample> largePublishes() {
        return PacketArbitraries.versions().flatMap(version -> PacketArbitraries.publishes(version, true,
                        PacketArbitraries.bytes(16_384, 100_000))
                .map(publish -> new Sample(version, Role.CLIENT, publish)));
    }

    @Property(tries = 20, edgeCases = EdgeCasesMode.NONE)
    @Label("PUBLISH packets whose remaining length takes 3 bytes round trip")
    void largePublishRoundTrip(@ForAll("largePublishes") Sample sample) {
        try {
            ByteBuf encoded = MqttPacketEncoder.encode(ALLOC, sample.packet(), sample.version());
            try {
                assertThat(encoded.getByte(3) & 0x80).isZero();
                assertThat(encoded.getByte(2) & 0x80).isNotZero();
            } finally {
                encoded.release();
            }
            assertRoundTrip(sample);
        } finally {
            release(sample.packet());
        }
    }

    @Example
    @Label("a PUBLISH whose remaining length takes 4 bytes round trips")
    void publishWithFourByteRemainingLength() {
        byte[] payload = new byte[2_097_152];
        Arrays.fill(payload, (byte) 0x5A);
        Publish publish = new Publish("a/b", QoS.EXACTLY_ONCE, true, true, 65_535, MqttProperties.EMPTY,
                Unpooled.wrappedBuffer(payload));
        try {
            for (MqttVersion version : MqttVersion.values()) {
                assertThat(MqttPacketEncoder.encodedSize(publish, version)).isEqualTo(1 + 4 + 2 + 3 + 2
                        + (version.isV5() ? 1 : 0) + payload.length);
                assertRoundTrip(new Sample(version, Role.SERVER, publish));
            }
        } finally {
            publish.release();
        }
    }

    @Example
    @Label("the leak check of these tests sees a buffer that was never released")
    void leakCheckSeesALostBuffer() {
        loseABuffer();
        List<String> leaks = EncodedPackets.drainLeaks("loseABuffer", 50);
        assertThat(leaks).as("leak reports of the lost buffer").isNotEmpty();
    }

    private static void loseABuffer() {
        // never released, and unreachable once this returns; Netty logs its LEAK report with this hint
        ALLOC.directBuffer(8).writeLong(42).touch("EXPECTED LEAK: lost on purpose by "
                + "CodecRoundTripProperties.loseABuffer to show that the leak check of the codec tests works");
    }

    /**
     * Encodes the sample's packet, checks the size and the fixed-header flags, decodes it and checks that the
     * decoded packet is equal, that exactly the encoding was consumed and that every buffer was released. Does not
     * release the sample's packet.
     */
    static void assertRoundTrip(Sample sample) {
        MqttVersion version = sample.version();
        MqttPacket packet = sample.packet();
        int size = MqttPacketEncoder.encodedSize(packet, version);
        ByteBuf encoded = MqttPacketEncoder.encode(ALLOC, packet, version);
        MqttPacket decoded = null;
        try {
            assertThat(encoded.readableBytes()).as("encodedSize").isEqualTo(size);
            int first = encoded.getUnsignedByte(0);
            assertThat(first >>> 4).as("packet type").isEqualTo(packet.type().value());
            int expectedFlags = packet instanceof Publish publish
                    ? (publish.dup() ? 8 : 0) | publish.qos().value() << 1 | (publish.retained() ? 1 : 0)
                    : packet.type() == PacketType.PUBREL || packet.type() == PacketType.SUBSCRIBE
                            || packet.type() == PacketType.UNSUBSCRIBE ? 0b0010 : 0b0000;
            assertThat(first & 0x0F).as("fixed header flags").isEqualTo(expectedFlags);

            MqttPacketDecoder decoder = sample.decoder(MqttPacketDecoder.MAX_PACKET_SIZE);
            decoded = decoder.decode(encoded);
            assertThat(decoded).isEqualTo(packet);
            assertThat(encoded.readableBytes()).as("bytes left").isZero();
            assertThat(decoder.version()).isEqualTo(version);
        } finally {
            release(decoded);
            encoded.release();
        }
        assertThat(encoded.refCnt()).as("references left on the decoded buffer").isZero();
    }
}
