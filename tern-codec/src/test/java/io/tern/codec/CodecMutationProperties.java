package io.tern.codec;

import static io.tern.codec.EncodedPackets.ALLOC;
import static io.tern.codec.EncodedPackets.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tern.codec.MqttPacketDecoder.Role;
import io.tern.codec.PacketArbitraries.PacketStream;
import io.tern.codec.PacketArbitraries.Sample;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PingReq;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The decoder on corrupted input: random mutations of valid encodings give a packet or a
 * {@link MqttCodecException} carrying an error reason code, never another exception, never a loop without end,
 * and never allocations out of proportion to the input (such as a buffer sized by a length field that the input
 * does not back).
 */
@Label("Codec on mutated input")
@AddLifecycleHook(LeakCheck.class)
class CodecMutationProperties {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new ExceptionInInitializerError("this JVM cannot measure the allocations of a thread");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    /** How long one decode loop may take before it counts as hanging: generous, a loop takes microseconds. */
    private static final Duration HANG = Duration.ofSeconds(10);

    /** The fixed part of the allocation budget of one decode loop. */
    static final long BASE_ALLOCATION = 16 * 1024;
    /** The allocation budget per input byte. */
    static final long ALLOCATION_PER_BYTE = 32;

    /** What a mutation does to the bytes. */
    enum Kind {
        FLIP_BIT, SET_BYTE, TRUNCATE, INSERT, DELETE, REMAINING_LENGTH, LENGTH_FIELD, PACKET_TYPE
    }

    /**
     * One change to an encoding.
     *
     * @param kind     what it does
     * @param position where (taken modulo the length)
     * @param value    the new value, bit or length
     * @param bytes    inserted bytes
     */
    record Mutation(Kind kind, int position, int value, byte[] bytes) {
        byte[] apply(byte[] in) {
            int n = in.length;
            if (n == 0 && kind != Kind.INSERT) {
                return in;
            }
            byte[] out = in.clone();
            switch (kind) {
                case FLIP_BIT -> out[position % n] ^= (byte) (1 << (value & 7));
                case SET_BYTE -> out[position % n] = (byte) value;
                case TRUNCATE -> out = Arrays.copyOf(in, position % n);
                case INSERT -> {
                    int at = position % (n + 1);
                    ByteArrayOutputStream result = new ByteArrayOutputStream();
                    result.write(in, 0, at);
                    result.writeBytes(bytes);
                    result.write(in, at, n - at);
                    out = result.toByteArray();
                }
                case DELETE -> {
                    int at = position % n;
                    int count = Math.min(bytes.length, n - at);
                    ByteArrayOutputStream result = new ByteArrayOutputStream();
                    result.write(in, 0, at);
                    result.write(in, at + count, n - at - count);
                    out = result.toByteArray();
                }
                case REMAINING_LENGTH -> out = withRemainingLength(in, position, value);
                case LENGTH_FIELD -> {
                    // a two-byte length (of a string, binary data or anything else) claiming much
                    int at = position % Math.max(1, n - 1);
                    out[at] = (byte) (value >>> 8);
                    if (at + 1 < n) {
                        out[at + 1] = (byte) value;
                    }
                }
                case PACKET_TYPE -> out[0] = (byte) ((value & 0x0F) << 4 | out[0] & 0x0F);
            }
            return out;
        }

        /**
         * The first packet with its remaining length replaced: by a nearby value, by any value, or by the same
         * value in a longer than necessary form (5 bytes at most).
         */
        private static byte[] withRemainingLength(byte[] in, int choice, int value) {
            int end = 1;
            int remaining = 0;
            while (end < in.length && end <= 4) {
                remaining |= (in[end] & 0x7F) << 7 * (end - 1);
                if ((in[end++] & 0x80) == 0) {
                    break;
                }
            }
            ByteBuf field = Unpooled.buffer();
            switch (Math.floorMod(choice, 3)) {
                case 0 -> VariableByteInteger.write(field,
                        Math.min(VariableByteInteger.MAX_VALUE, Math.max(0, remaining + Math.floorMod(value, 17) - 8)));
                case 1 -> VariableByteInteger.write(field, Math.floorMod(value, VariableByteInteger.MAX_VALUE + 1));
                default -> {
                    VariableByteInteger.write(field, Math.min(remaining, VariableByteInteger.MAX_VALUE));
                    int extra = 1 + Math.floorMod(value, 5 - field.readableBytes());
                    field.setByte(field.writerIndex() - 1, field.getByte(field.writerIndex() - 1) | 0x80);
                    for (int i = 1; i < extra; i++) {
                        field.writeByte(0x80);
                    }
                    field.writeByte(0x00);
                }
            }
            ByteArrayOutputStream result = new ByteArrayOutputStream();
            result.write(in, 0, 1);
            result.writeBytes(ByteBufUtil.getBytes(field));
            result.write(in, end, in.length - end);
            field.release();
            return result.toByteArray();
        }

        @Override
        public String toString() {
            return kind + "@" + position + "=" + value + (kind == Kind.INSERT ? "+" + Arrays.toString(bytes) : "");
        }
    }

    @Provide
    Arbitrary<PacketStream> streams() {
        return PacketArbitraries.streams(3);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Kind> kinds = Arbitraries.of(Kind.class);
        Arbitrary<Integer> positions = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(0, 8)), // the headers
                Tuple.of(3, Arbitraries.integers().between(0, Integer.MAX_VALUE)));
        Arbitrary<Integer> values = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 0xFF)),
                Tuple.of(2, Arbitraries.of(0xFFFF, 0x7FFF, 0x8000, 0xFF00)),
                Tuple.of(2, Arbitraries.integers()));
        Arbitrary<byte[]> inserted = PacketArbitraries.bytes(1, 8);
        return Combinators.combine(kinds, positions, values, inserted).as(Mutation::new)
                .list().ofMinSize(1).ofMaxSize(4);
    }

    /** The maximum packet size of the decoder: the largest, or one that some packets exceed. */
    @Provide
    Arbitrary<Integer> maximumPacketSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(MqttPacketDecoder.MAX_PACKET_SIZE)),
                Tuple.of(1, Arbitraries.integers().between(2, 3000)));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Label("mutated encodings decode to packets or fail with MqttCodecException carrying an error reason code; "
            + "the decode loop ends and allocates in proportion to the input")
    void mutatedEncodings(@ForAll("streams") PacketStream stream, @ForAll("mutations") List<Mutation> mutations,
                          @ForAll("maximumPacketSizes") int maximumPacketSize) {
        byte[] input;
        try {
            input = EncodedPackets.bytes(stream.packets(), stream.version());
        } finally {
            EncodedPackets.releaseAll(stream.packets());
        }
        for (Mutation mutation : mutations) {
            input = mutation.apply(input);
        }
        // The first run, on a thread of its own, shows that decoding ends even if a single call were to loop, and
        // pays for one-time costs (class loading, linking string concatenations). The second, the same work on
        // this thread, is measured.
        byte[] mutated = input;
        Outcome first = within(HANG, () -> decodeAll(mutated, decoder(stream, maximumPacketSize)));
        Outcome outcome = decodeAll(input, decoder(stream, maximumPacketSize));

        Statistics.label("outcome").collect(outcome.failure() == null ? "no error"
                        : outcome.failure() instanceof MqttCodecException e ? e.reasonCode() : "other")
                .coverage(coverage -> {
                    // the mutations neither break everything nor leave everything intact
                    coverage.check("no error").percentage(percent -> percent > 10);
                    coverage.check(ReasonCode.MALFORMED_PACKET).percentage(percent -> percent > 10);
                });
        assertThat(outcome.ended()).as("the decode loop ended").isTrue();
        assertThat(outcome.stalled()).as("a call returned a packet without consuming its bytes, or null after "
                + "consuming some").isFalse();
        if (outcome.failure() != null && !(outcome.failure() instanceof MqttCodecException)) {
            throw new AssertionError("not a MqttCodecException for " + input.length + " bytes "
                    + Arrays.toString(input), outcome.failure());
        }
        if (outcome.failure() instanceof MqttCodecException e) {
            assertThat(e.reasonCode()).as("reason code of " + e.getMessage()).isNotNull();
            assertThat(e.reasonCode().value()).as("reason code of " + e.getMessage()).isGreaterThanOrEqualTo(0x80);
        }
        assertThat(outcome.packets()).as("same packets in both runs").isEqualTo(first.packets());
        assertThat(outcome.allocated()).as("bytes allocated decoding %d input bytes %s", input.length,
                Arrays.toString(input)).isLessThanOrEqualTo(budget(input.length));
        assertThat(outcome.buffersReleased()).as("the input buffer and every decoded PUBLISH released").isTrue();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    @Label("a decoder accepts a packet of exactly its maximum packet size, and refuses one byte less with "
            + "PACKET_TOO_LARGE as soon as the fixed header is readable")
    void maximumPacketSizeFromTheFixedHeader(@ForAll("samples") Sample sample) {
        byte[] encoding;
        try {
            encoding = EncodedPackets.bytes(sample.packet(), sample.version());
            MqttPacket decoded = EncodedPackets.decode(sample.decoder(encoding.length), encoding);
            try {
                assertThat(decoded).isEqualTo(sample.packet());
            } finally {
                release(decoded);
            }
        } finally {
            release(sample.packet());
        }
        if (encoding.length > 2) {
            byte[] fixedHeader = Arrays.copyOf(encoding, EncodedPackets.fixedHeaderLength(encoding));
            MqttPacketDecoder decoder = sample.decoder(encoding.length - 1);
            assertThatThrownBy(() -> EncodedPackets.decode(decoder, fixedHeader))
                    .isInstanceOfSatisfying(MqttCodecException.class, e -> {
                        assertThat(e.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
                        assertThat(e.packetType()).isEqualTo(sample.packet().type());
                    });
        }
    }

    @Provide
    Arbitrary<Sample> samples() {
        return PacketArbitraries.samples();
    }

    /**
     * The decoder part of 5.0 [MQTT-3.2.2-15] (a server receiving a packet larger than its Maximum Packet Size
     * answers with 0x95): the handler reports PACKET_TOO_LARGE from the fixed header alone.
     */
    @Example
    @Label("MqttCodec fires PACKET_TOO_LARGE from a fixed header announcing more than the maximum packet size, "
            + "before any byte of the body, and discards every later byte")
    void packetTooLargeFromTheFixedHeader() {
        List<Throwable> caught = new ArrayList<>();
        EmbeddedChannel channel = EncodedPackets.channel(new MqttCodec(Role.SERVER, 1024),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        caught.add(cause);
                    }
                });
        MqttChannelVersion.set(channel, MqttVersion.V5);
        ByteBuf header = ALLOC.buffer().writeByte(0x30); // PUBLISH, QoS 0
        VariableByteInteger.write(header, 1024); // 1 + 2 + 1024 bytes in all
        ByteBuf body = ALLOC.buffer().writeShort(3).writeBytes("a/b".getBytes()).writeByte(0).writeZero(1024 - 6);
        ByteBuf pingReq = MqttPacketEncoder.encode(ALLOC, PingReq.INSTANCE, MqttVersion.V5);

        channel.writeInbound(header);
        assertThat(caught).singleElement().isInstanceOfSatisfying(MqttCodecException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
            assertThat(e.packetType()).isEqualTo(PacketType.PUBLISH);
        });
        assertThat(header.refCnt()).isZero();

        channel.writeInbound(body, pingReq);
        assertThat(channel.inboundMessages()).as("packets after the refused one").isEmpty();
        assertThat(caught).hasSize(1);
        assertThat(body.refCnt()).isZero();
        assertThat(pingReq.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Example
    @Label("the allocation budget catches a decoder that allocates what a length field claims")
    void allocationBudgetCatchesAllocationByDeclaredLength() {
        // a PUBLISH whose topic length claims 65,535 bytes, in 9 bytes
        byte[] input = {0x30, 0x07, (byte) 0xFF, (byte) 0xFF, 'a', '/', 'b', 0x00, 0x01};
        Function<ByteBuf, Object> naive = buffer -> {
            byte[] topic = new byte[buffer.getUnsignedShort(buffer.readerIndex() + 2)];
            buffer.skipBytes(buffer.readableBytes());
            return topic;
        };
        decodeAll(input, naive);
        assertThat(decodeAll(input, naive).allocated()).isGreaterThan(budget(input.length));

        Function<ByteBuf, Object> strict = decoder(new PacketStream(MqttVersion.V3_1_1, Role.SERVER,
                List.of(PingReq.INSTANCE)), MqttPacketDecoder.MAX_PACKET_SIZE);
        decodeAll(input, strict);
        Outcome outcome = decodeAll(input, strict);
        assertThat(outcome.failure()).isInstanceOf(MqttCodecException.class);
        assertThat(outcome.allocated()).isLessThanOrEqualTo(budget(input.length));
    }

    /** The result of {@code work} run on a new thread, which must end within {@code limit}. */
    static <T> T within(Duration limit, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "decode-loop");
        thread.setDaemon(true); // should it hang, it must not keep the JVM alive
        thread.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("decoding did not end within " + limit, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    static long budget(int inputLength) {
        return BASE_ALLOCATION + ALLOCATION_PER_BYTE * inputLength;
    }

    private static Function<ByteBuf, Object> decoder(PacketStream stream, int maximumPacketSize) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(stream.role(), maximumPacketSize);
        if (!stream.versionLearnedFromPacket()) {
            decoder.version(stream.version());
        }
        return decoder::decode;
    }

    /**
     * What became of a decode loop.
     *
     * @param packets         the packets decoded
     * @param failure         what the loop ended with, or {@code null}
     * @param ended           whether the loop ended by itself, with {@code null} or an exception
     * @param stalled         whether a packet came without consuming bytes, or {@code null} after consuming some
     * @param allocated       the bytes the thread allocated in the loop
     * @param buffersReleased whether the input buffer was released in the end, with the decoded packets
     */
    record Outcome(int packets, Throwable failure, boolean ended, boolean stalled, long allocated,
                   boolean buffersReleased) {
    }

    /**
     * Calls {@code decode} on the input until it returns {@code null} or throws, releasing what it returns, and
     * measures what the thread allocates meanwhile. A packet takes at least 2 bytes, so the loop is bounded.
     */
    static Outcome decodeAll(byte[] input, Function<ByteBuf, Object> decode) {
        // an unpooled heap buffer, not leak-tracked: the tracker's access records would count as allocations
        ByteBuf buffer = Unpooled.buffer(input.length).writeBytes(input);
        int packets = 0;
        Throwable failure = null;
        boolean ended = false;
        boolean stalled = false;
        long before = THREADS.getCurrentThreadAllocatedBytes();
        if (before < 0) {
            throw new IllegalStateException("the allocations of this thread are not measured");
        }
        try {
            for (int i = 0; i <= input.length / 2 + 1; i++) {
                int start = buffer.readerIndex();
                Object packet = decode.apply(buffer);
                if (packet == null) {
                    ended = true;
                    stalled = buffer.readerIndex() != start;
                    break;
                }
                release(packet);
                packets++;
                if (buffer.readerIndex() - start < 2) {
                    stalled = true;
                    ended = true;
                    break;
                }
            }
        } catch (Throwable e) {
            failure = e;
            ended = true;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        boolean released = buffer.release();
        return new Outcome(packets, failure, ended, stalled, allocated, released);
    }
}
