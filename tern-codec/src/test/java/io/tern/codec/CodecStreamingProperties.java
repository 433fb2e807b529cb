package io.tern.codec;

import static io.tern.codec.EncodedPackets.ALLOC;
import static io.tern.codec.EncodedPackets.release;
import static io.tern.codec.EncodedPackets.releaseAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tern.codec.PacketArbitraries.PacketStream;
import io.tern.codec.PacketArbitraries.Sample;
import io.tern.codec.packet.MqttPacket;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
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
 * The decoder as a streaming decoder: it waits for whole packets without consuming anything, and a stream of
 * packets comes out the same however the bytes are split into reads.
 */
@Label("Codec streaming")
@AddLifecycleHook(LeakCheck.class)
class CodecStreamingProperties {
    /** Bytes before the encoding in the buffer, so that the reader index does not start at 0. */
    private static final int OFFSET = 3;

    @Provide
    Arbitrary<Sample> samples() {
        return PacketArbitraries.samples();
    }

    @Provide
    Arbitrary<PacketStream> streams() {
        return PacketArbitraries.streams(6);
    }

    /** Sizes of reads: mostly small, down to single bytes, sometimes large. */
    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.integers().between(1, 8)),
                        Tuple.of(3, Arbitraries.integers().between(9, 200)),
                        Tuple.of(1, Arbitraries.integers().between(201, 5000)))
                .list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    @Label("decoding any strict prefix of an encoding returns null and leaves the reader index untouched; the "
            + "whole encoding then decodes")
    void strictPrefixesAreIncomplete(@ForAll("samples") Sample sample) {
        MqttPacket packet = sample.packet();
        byte[] encoding = EncodedPackets.bytes(packet, sample.version());
        // an untracked heap buffer: a PARANOID-tracked one records a stack trace on each of the many reads below;
        // its release is checked by refCnt at the end instead
        ByteBuf buffer = Unpooled.buffer(OFFSET + encoding.length);
        MqttPacket decoded = null;
        try {
            buffer.writeZero(OFFSET).writeBytes(encoding);
            MqttPacketDecoder decoder = sample.decoder(MqttPacketDecoder.MAX_PACKET_SIZE);
            for (int length = 0; length < encoding.length; length++) {
                buffer.setIndex(OFFSET, OFFSET + length);
                MqttPacket early = decoder.decode(buffer);
                if (early != null || buffer.readerIndex() != OFFSET) { // checked this way: assertj is slow per byte
                    release(early);
                    assertThat(early).as("packet from a prefix of %d bytes", length).isNull();
                    assertThat(buffer.readerIndex()).as("reader index after a prefix of %d bytes", length)
                            .isEqualTo(OFFSET);
                }
            }
            buffer.setIndex(OFFSET, OFFSET + encoding.length);
            decoded = decoder.decode(buffer);
            assertThat(decoded).isEqualTo(packet);
            assertThat(buffer.isReadable()).isFalse();
        } finally {
            release(decoded);
            buffer.release();
            release(packet);
        }
        assertThat(buffer.refCnt()).isZero();
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    @Label("a stream of packets fed to MqttCodec in randomly sized reads gives exactly those packets in order")
    void streamInChunks(@ForAll("streams") PacketStream stream, @ForAll("chunkSizes") List<Integer> chunkSizes) {
        try {
            byte[] bytes = EncodedPackets.bytes(stream.packets(), stream.version());
            List<ByteBuf> reads = new ArrayList<>();
            for (int offset = 0, i = 0; offset < bytes.length; i++) {
                int size = Math.min(chunkSizes.get(i % chunkSizes.size()), bytes.length - offset);
                reads.add(ALLOC.buffer(size).writeBytes(bytes, offset, size));
                offset += size;
            }
            assertDecodesTo(stream, reads);
        } finally {
            releaseAll(stream.packets());
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    @Label("a stream of packets fed to MqttCodec in one read gives all of them in order")
    void streamInOneRead(@ForAll("streams") PacketStream stream) {
        try {
            byte[] bytes = EncodedPackets.bytes(stream.packets(), stream.version());
            assertDecodesTo(stream, List.of(ALLOC.buffer(bytes.length).writeBytes(bytes)));
        } finally {
            releaseAll(stream.packets());
        }
    }

    /** Packets that every decoder refuses as malformed, whatever its version and role. */
    @Provide
    Arbitrary<byte[]> malformedPackets() {
        return Arbitraries.of(
                new byte[] {0x00, 0x00}, // reserved packet type 0
                new byte[] {(byte) 0xC1, 0x00}, // PINGREQ with a reserved flag set
                new byte[] {(byte) 0xE0, (byte) 0x80, 0x00}); // DISCONNECT, remaining length not in its shortest form
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    @Label("MqttCodec delivers the packets before a malformed one, then fires one MqttCodecException and "
            + "discards every later byte")
    void packetsBeforeAnErrorThenNothing(@ForAll("streams") PacketStream stream,
                                         @ForAll("chunkSizes") List<Integer> chunkSizes,
                                         @ForAll("malformedPackets") byte[] malformed) {
        List<Throwable> caught = new ArrayList<>();
        EmbeddedChannel channel = EncodedPackets.channel(
                new MqttCodec(stream.role(), MqttPacketDecoder.MAX_PACKET_SIZE),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        caught.add(cause);
                    }
                });
        if (!stream.versionLearnedFromPacket()) {
            MqttChannelVersion.set(channel, stream.version());
        }
        List<ByteBuf> reads = new ArrayList<>();
        List<Object> decoded = new ArrayList<>();
        try {
            byte[] valid = EncodedPackets.bytes(stream.packets(), stream.version());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(valid);
            all.writeBytes(malformed);
            all.writeBytes(valid); // well-formed, but after the error
            byte[] bytes = all.toByteArray();
            for (int offset = 0, i = 0; offset < bytes.length; i++) {
                int size = Math.min(chunkSizes.get(i % chunkSizes.size()), bytes.length - offset);
                reads.add(ALLOC.buffer(size).writeBytes(bytes, offset, size));
                offset += size;
            }
            for (ByteBuf read : reads) {
                channel.writeInbound(read);
                for (Object packet; (packet = channel.readInbound()) != null; ) {
                    decoded.add(packet);
                }
            }
            assertThat(decoded).containsExactlyElementsOf(stream.packets());
            assertThat(caught).singleElement().isInstanceOfSatisfying(MqttCodecException.class,
                    e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET));
            assertThat(channel.finish()).isFalse();
        } finally {
            releaseAll(decoded);
            channel.finishAndReleaseAll();
            releaseAll(stream.packets());
        }
        for (ByteBuf read : reads) {
            assertThat(read.refCnt()).as("references left on a read buffer").isZero();
        }
    }

    /** Feeds the reads to an MqttCodec and checks that exactly the stream's packets come out, in order. */
    private static void assertDecodesTo(PacketStream stream, List<ByteBuf> reads) {
        EmbeddedChannel channel = EncodedPackets.channel(
                new MqttCodec(stream.role(), MqttPacketDecoder.MAX_PACKET_SIZE));
        if (!stream.versionLearnedFromPacket()) {
            MqttChannelVersion.set(channel, stream.version());
        }
        List<Object> decoded = new ArrayList<>();
        try {
            for (ByteBuf read : reads) {
                channel.writeInbound(read);
                for (Object packet; (packet = channel.readInbound()) != null; ) {
                    decoded.add(packet);
                }
            }
            assertThat(decoded).containsExactlyElementsOf(stream.packets());
            assertThat(MqttChannelVersion.get(channel)).isEqualTo(stream.version());
            assertThat(channel.finish()).as("anything left in the channel").isFalse();
        } finally {
            releaseAll(decoded);
            channel.finishAndReleaseAll();
        }
        for (ByteBuf read : reads) {
            assertThat(read.refCnt()).as("references left on a read buffer").isZero();
        }
    }
}
