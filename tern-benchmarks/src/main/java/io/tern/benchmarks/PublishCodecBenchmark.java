package io.tern.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding and encoding of one QoS 1 PUBLISH, the packet on the hot path of a broker.
 *
 * <ul>
 *   <li>{@code decode}: {@link MqttPacketDecoder#decode} of a whole PUBLISH held in a pooled direct
 *       buffer, as Netty hands it to the decoder; the payload comes out as a retained slice, released
 *       again in each operation.</li>
 *   <li>{@code encode}: {@link MqttPacketEncoder#encodeWithoutPayload} into a pooled buffer, which is
 *       what {@code MqttCodec} does: the payload buffer itself follows the header uncopied.</li>
 *   <li>{@code encodeWithPayloadCopy}: {@link MqttPacketEncoder#encode}, header and a copy of the
 *       payload in one buffer; a reference point for what the zero-copy path saves.</li>
 *   <li>{@code allocateHeaderBuffer}: a pooled buffer of the encoded header's size, allocated and
 *       released and nothing else; the allocator's share of {@code encode}.</li>
 * </ul>
 *
 * <p>{@link Messages} carries no MQTT 5 properties, so that MQTT 3.1.1 and 5 compare the same
 * message; the {@code *V5WithProperties} methods add a typical small set (message expiry, content
 * type, one user property).
 *
 * <p>The benchmark threads are Netty {@code FastThreadLocalThread}s, as event loops are (see
 * {@link EventLoopThreadExecutor}), so that the pooled allocator uses its thread cache and recycles
 * buffer objects as it does in the broker. Netty's leak detector is off in the forked JVM: its
 * sampling allocates and would blur the allocation figures; the trial tear-down checks instead that
 * the benchmark released every slice it decoded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1,
        jvmArgsPrepend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.tern.benchmarks.EventLoopThreadExecutor"},
        jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class PublishCodecBenchmark {
    static final String TOPIC = "sensors/building-1/floor-2/temperature";
    static final int PACKET_ID = 4711;
    static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    /** A QoS 1 PUBLISH, its encoding, and a decoder for it. */
    abstract static class Fixture {
        MqttVersion protocolVersion;
        MqttPacketDecoder decoder;
        /** The PUBLISH to encode; its payload is a pooled direct buffer, as a decoded payload would be. */
        Publish publish;
        /** The encoded PUBLISH, read again by every {@code decode}. */
        ByteBuf encoded;
        /** The size of the encoded PUBLISH without its payload. */
        int headerSize;

        void setUp(MqttVersion version, int payloadSize, MqttProperties properties) {
            protocolVersion = version;
            byte[] payload = new byte[payloadSize];
            new Random(42).nextBytes(payload);
            publish = new Publish(TOPIC, QoS.AT_LEAST_ONCE, false, false, PACKET_ID, properties,
                    ALLOCATOR.directBuffer(payloadSize).writeBytes(payload));
            encoded = MqttPacketEncoder.encode(ALLOCATOR, publish, version);
            decoder = new MqttPacketDecoder(MqttPacketDecoder.Role.SERVER, MqttPacketDecoder.MAX_PACKET_SIZE);
            decoder.version(version);

            // Check once that the operations measured do what they should.
            MqttPacket packet = decoder.decode(encoded);
            try {
                if (!(packet instanceof Publish decoded) || !decoded.equals(publish) || encoded.isReadable()) {
                    throw new IllegalStateException("decoding does not give back the PUBLISH: " + packet);
                }
            } finally {
                encoded.readerIndex(0);
                if (packet instanceof Publish decoded) {
                    decoded.release();
                }
            }
            if (MqttPacketEncoder.encodedSize(publish, version) != encoded.readableBytes()) {
                throw new IllegalStateException("encoded size differs from the encoding");
            }
            headerSize = encoded.readableBytes() - payloadSize;
        }

        void tearDown() {
            // Each decode takes a retained slice of the encoded buffer; if one was not released, the
            // count shows it.
            int refCnt = encoded.refCnt();
            encoded.release(refCnt);
            publish.release();
            if (refCnt != 1) {
                throw new IllegalStateException("leak: the encoded PUBLISH has " + (refCnt - 1)
                        + " unreleased slices");
            }
        }
    }

    /** The PUBLISH without properties, in both versions. */
    @State(Scope.Thread)
    public static class Messages extends Fixture {
        @Param({"V3_1_1", "V5"})
        public MqttVersion version;

        @Param({"16", "1024"})
        public int payloadSize;

        @Setup(Level.Trial)
        public void setUp() {
            setUp(version, payloadSize, MqttProperties.EMPTY);
        }

        @TearDown(Level.Trial)
        public void release() {
            tearDown();
        }
    }

    /** The PUBLISH with a typical small MQTT 5 property set. */
    @State(Scope.Thread)
    public static class V5WithProperties extends Fixture {
        @Param({"16", "1024"})
        public int payloadSize;

        @Setup(Level.Trial)
        public void setUp() {
            setUp(MqttVersion.V5, payloadSize, MqttProperties.builder()
                    .set(PropertyId.MESSAGE_EXPIRY_INTERVAL, 3600)
                    .set(PropertyId.CONTENT_TYPE, "application/json")
                    .userProperty("unit", "celsius")
                    .build());
        }

        @TearDown(Level.Trial)
        public void release() {
            tearDown();
        }
    }

    @Benchmark
    public void decode(Messages state, Blackhole blackhole) {
        decode((Fixture) state, blackhole);
    }

    @Benchmark
    public void encode(Messages state, Blackhole blackhole) {
        encode((Fixture) state, blackhole);
    }

    @Benchmark
    public void encodeWithPayloadCopy(Messages state, Blackhole blackhole) {
        ByteBuf out = MqttPacketEncoder.encode(ALLOCATOR, state.publish, state.protocolVersion);
        blackhole.consume(out);
        out.release();
    }

    @Benchmark
    public void allocateHeaderBuffer(Messages state, Blackhole blackhole) {
        ByteBuf out = ALLOCATOR.ioBuffer(state.headerSize);
        blackhole.consume(out);
        out.release();
    }

    @Benchmark
    public void decodeV5WithProperties(V5WithProperties state, Blackhole blackhole) {
        decode(state, blackhole);
    }

    @Benchmark
    public void encodeV5WithProperties(V5WithProperties state, Blackhole blackhole) {
        encode(state, blackhole);
    }

    private static void decode(Fixture state, Blackhole blackhole) {
        ByteBuf in = state.encoded;
        in.readerIndex(0);
        Publish publish = (Publish) state.decoder.decode(in);
        blackhole.consume(publish);
        publish.release();
    }

    private static void encode(Fixture state, Blackhole blackhole) {
        ByteBuf header = MqttPacketEncoder.encodeWithoutPayload(ALLOCATOR, state.publish, state.protocolVersion);
        blackhole.consume(header);
        header.release();
    }
}
