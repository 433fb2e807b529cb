package io.tern.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tern.broker.BrokerConfig;
import io.tern.broker.BrokerContext;
import io.tern.broker.Rate;
import io.tern.broker.auth.Authenticator;
import io.tern.broker.auth.Authorizer;
import io.tern.broker.limits.ConnectionAdmission;
import io.tern.broker.retained.MemoryRetainedStore;
import io.tern.broker.routing.Router;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.session.SessionRegistry;
import io.tern.broker.storage.DurabilityGate;
import io.tern.broker.storage.MemorySessionStore;
import io.tern.broker.sys.BrokerMetrics;
import io.tern.codec.MqttCodec;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketEncoder;
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
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.packet.Will;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random and mutated byte streams fed to the broker's real pipeline (built by
 * {@link MqttChannelInitializer} on an {@link EmbeddedChannel}, with real sessions and routing), in
 * chunks of random sizes. Whatever comes in: no exception escapes the pipeline; what the broker
 * writes is well formed, begins with CONNACK [MQTT-3.2.0-1], never has DISCONNECT before CONNACK
 * [MQTT-3.14.0-1], and ends the connection after a refusing CONNACK [MQTT-3.2.2-7] or a DISCONNECT
 * [MQTT-4.13.2-1], with nothing after it; every buffer is released, and the memory held stays
 * within a bound of the input and the maximum packet size.
 *
 * <p>1,000 tries per property in CI (jqwik's default); more on demand, e.g.
 * {@code mvn -o -pl tern-broker -am test -Dtest=PipelineFuzzProperties -Dsurefire.failIfNoSpecifiedTests=false
 * -Djqwik.tries.default=100000}.
 */
class PipelineFuzzProperties {
    private static final int MAX_PACKET_SIZE = 2048;
    private static final BrokerConfig CONFIG = BrokerConfig.builder().maxPacketSize(MAX_PACKET_SIZE)
            .maxTopicLevels(6).maxTopicLength(64).maxSubscriptions(4).maxQueuedMessages(8).receiveMaximum(4)
            .maxPublishRate(new Rate(50, java.time.Duration.ofSeconds(1))).build();

    @Property
    void randomBytes(@ForAll("noise") byte[] input, @ForAll @IntRange(min = 1, max = 64) int chunk)
            throws Exception {
        feed(input, chunk);
    }

    @Property
    void mutatedPacketStreams(@ForAll("mutatedStreams") byte[] input, @ForAll @IntRange(min = 1, max = 64) int chunk)
            throws Exception {
        feed(input, chunk);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        Arbitrary<MqttVersion> versions = Arbitraries.of(MqttVersion.V3_1_1, MqttVersion.V5);
        return versions.flatMap(version -> Combinators.combine(connects(version),
                packets(version).list().ofMaxSize(8), mutations().list().ofMaxSize(4))
                .as((connect, packets, mutations) -> {
                    byte[] stream = encode(version, connect, packets);
                    for (Mutation mutation : mutations) {
                        stream = mutation.apply(stream);
                    }
                    return stream;
                }));
    }

    // ---- the property ----

    private static void feed(byte[] input, int chunk) throws Exception {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        SubscriptionIndex index = new SubscriptionIndex();
        BrokerMetrics metrics = new BrokerMetrics();
        MemorySessionStore store = new MemorySessionStore();
        SessionRegistry sessions = new SessionRegistry(index, CONFIG, metrics, store);
        MemoryRetainedStore retained = new MemoryRetainedStore();
        BrokerContext broker = new BrokerContext(CONFIG, sessions, new Router(index), retained,
                Authenticator.ALLOW_ALL, Map.of(), Authorizer.ALLOW_ALL, metrics, DurabilityGate.IMMEDIATE);
        EmbeddedChannel channel = new EmbeddedChannel(false, false,
                new MqttChannelInitializer(broker, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                        new ConnectionAdmission(CONFIG), Listener.tcp("127.0.0.1", 0)));
        channel.config().setAllocator(alloc);
        channel.register();
        ExceptionRecorder escaped = new ExceptionRecorder();
        channel.pipeline().addLast(escaped);
        MqttCodec codec = channel.pipeline().get(MqttCodec.class);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        MqttVersion version = null;
        long peakMemory = 0;
        for (int at = 0; at < input.length && channel.isOpen(); at += chunk) {
            int length = Math.min(chunk, input.length - at);
            channel.writeInbound(alloc.heapBuffer(length).writeBytes(input, at, length));
            channel.runPendingTasks();
            version = codec.version() == null ? version : codec.version();
            drain(channel, written);
            peakMemory = Math.max(peakMemory, alloc.metric().usedHeapMemory());
        }
        boolean closedByBroker = !channel.isOpen();
        channel.close();
        channel.runPendingTasks();
        drain(channel, written);
        sessions.releaseAll();
        store.close(); // it holds the messages of sessions that outlive their connection (clean session 0)
        retained.close();

        assertThat(escaped.errors).as("exceptions that escaped the pipeline").isEmpty();
        channel.checkException();
        assertThat(alloc.metric().usedHeapMemory()).as("bytes of buffers never released").isZero();
        assertThat(peakMemory).as("bytes held at most").isLessThanOrEqualTo(4L * MAX_PACKET_SIZE + 8L * input.length);
        checkWritten(written.toByteArray(), version == null ? MqttVersion.V3_1_1 : version, closedByBroker);
    }

    /** What the broker wrote, as a client reads it. */
    private static void checkWritten(byte[] bytes, MqttVersion version, boolean closedByBroker) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(MqttPacketDecoder.Role.CLIENT,
                MqttPacketDecoder.MAX_PACKET_SIZE);
        decoder.version(version);
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        List<MqttPacket> packets = new ArrayList<>();
        MqttPacket packet;
        while ((packet = decoder.decode(buffer)) != null) {
            packets.add(packet);
            ReferenceCountUtil.release(packet);
        }
        assertThat(buffer.isReadable()).as("the broker wrote whole packets only").isFalse();
        for (int i = 0; i < packets.size(); i++) {
            MqttPacket sent = packets.get(i);
            if (i == 0) {
                assertThat(sent.type()).as("the first packet").isEqualTo(PacketType.CONNACK);
            }
            boolean ends = sent instanceof Disconnect
                    || sent instanceof Connack connack && connack.reasonCode().isError();
            if (ends) {
                assertThat(packets.size()).as("packets after " + sent).isEqualTo(i + 1);
                assertThat(closedByBroker).as("closed after " + sent).isTrue();
            }
            if (sent instanceof Disconnect disconnect) {
                assertThat(disconnect.reasonCode().isError()).as(disconnect + " tells an error").isTrue();
            }
        }
    }

    private static void drain(EmbeddedChannel channel, ByteArrayOutputStream written) {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) out;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            written.writeBytes(bytes);
            buf.release();
        }
    }

    /** Stands at the end of the pipeline and keeps what reaches it. */
    private static final class ExceptionRecorder extends ChannelInboundHandlerAdapter {
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    // ---- valid packets to mutate ----

    private static Arbitrary<String> topicNames() {
        return Arbitraries.of("a", "b", "c", "$x", "").list().ofMinSize(1).ofMaxSize(8)
                .map(levels -> String.join("/", levels)).filter(topic -> !topic.isEmpty());
    }

    private static Arbitrary<String> topicFilters() {
        return Combinators.combine(Arbitraries.of("a", "b", "+", "").list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.of(false, true))
                .as((levels, multi) -> String.join("/", levels) + (multi ? "/#" : ""))
                .filter(filter -> !filter.isEmpty());
    }

    private static Arbitrary<QoS> qos() {
        return Arbitraries.of(QoS.values());
    }

    private static Arbitrary<Connect> connects(MqttVersion version) {
        Arbitrary<Will> wills = Combinators.combine(topicNames(), qos(), Arbitraries.of(false, true))
                .as((topic, qos, retain) -> new Will(topic, new byte[] {1, 2}, qos, retain, MqttProperties.EMPTY))
                .injectNull(0.7);
        return Combinators.combine(Arbitraries.of("", "fuzz", "other"), Arbitraries.of(false, true), wills)
                .as((clientId, clean, will) -> new Connect(version, clientId, clean, 30, null, null, will,
                        MqttProperties.EMPTY));
    }

    private static Arbitrary<MqttPacket> packets(MqttVersion version) {
        Arbitrary<Integer> ids = Arbitraries.integers().between(1, 5);
        Arbitrary<MqttPacket> publishes = Combinators.combine(topicNames(), qos(), Arbitraries.of(false, true), ids)
                .as((topic, qos, retain, id) -> new Publish(topic, qos, retain, false,
                        qos == QoS.AT_MOST_ONCE ? 0 : id, MqttProperties.EMPTY, Unpooled.wrappedBuffer(new byte[3])));
        Arbitrary<MqttPacket> subscribes = Combinators.combine(ids, topicFilters(), qos())
                .as((id, filter, qos) -> new Subscribe(id, List.of(new Subscription(filter, qos)),
                        MqttProperties.EMPTY));
        Arbitrary<MqttPacket> unsubscribes = Combinators.combine(ids, topicFilters())
                .as((id, filter) -> new Unsubscribe(id, List.of(filter), MqttProperties.EMPTY));
        Arbitrary<MqttPacket> others = Arbitraries.of(PingReq.INSTANCE, new PubAck(1), new Disconnect(
                version.isV5() ? ReasonCode.DISCONNECT_WITH_WILL_MESSAGE : ReasonCode.NORMAL_DISCONNECTION));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, publishes), net.jqwik.api.Tuple.of(3, subscribes),
                net.jqwik.api.Tuple.of(1, unsubscribes), net.jqwik.api.Tuple.of(1, others));
    }

    private static byte[] encode(MqttVersion version, Connect connect, List<MqttPacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<MqttPacket> all = new ArrayList<>();
        all.add(connect);
        all.addAll(packets);
        for (MqttPacket packet : all) {
            ByteBuf encoded = MqttPacketEncoder.encode(UnpooledByteBufAllocator.DEFAULT, packet, version);
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            encoded.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    // ---- mutations ----

    private static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Mutation.Kind.values()), Arbitraries.doubles().between(0, 1),
                Arbitraries.bytes()).as(Mutation::new);
    }

    /** One change to a byte stream, at a place given as a fraction of its length. */
    record Mutation(Kind kind, double where, byte value) {
        enum Kind { FLIP_BIT, SET_BYTE, INSERT, DELETE, TRUNCATE }

        byte[] apply(byte[] stream) {
            if (stream.length == 0) {
                return stream;
            }
            int at = (int) (where * (stream.length - 1));
            byte[] changed;
            switch (kind) {
                case FLIP_BIT -> {
                    changed = stream.clone();
                    changed[at] ^= (byte) (1 << (value & 7));
                }
                case SET_BYTE -> {
                    changed = stream.clone();
                    changed[at] = value;
                }
                case INSERT -> {
                    changed = new byte[stream.length + 1];
                    System.arraycopy(stream, 0, changed, 0, at);
                    changed[at] = value;
                    System.arraycopy(stream, at, changed, at + 1, stream.length - at);
                }
                case DELETE -> {
                    changed = new byte[stream.length - 1];
                    System.arraycopy(stream, 0, changed, 0, at);
                    System.arraycopy(stream, at + 1, changed, at, stream.length - at - 1);
                }
                default -> changed = java.util.Arrays.copyOf(stream, at);
            }
            return changed;
        }
    }
}
