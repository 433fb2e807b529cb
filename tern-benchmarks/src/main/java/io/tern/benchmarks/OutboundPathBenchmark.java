package io.tern.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.SharedGroup;
import io.tern.broker.routing.Subscriber;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.session.Session;
import io.tern.codec.MqttCodec;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The session's outbound path: what the broker does for each message it delivers to a connected
 * subscriber, once per subscriber of every PUBLISH, so that a fan-out of N costs N of these.
 *
 * <p>One operation is {@link Session#offer} of a routed {@link Message} (as the Router calls it on
 * the session's own loop) through the session's outbound flow (QoS, packet identifier, in-flight
 * window, store journal) to a {@code PUBLISH} written to the client's channel, encoded by
 * {@link MqttCodec}, flushed, and taken off the channel and released as the socket would. For
 * QoS 1 the operation ends with the client's PUBACK ({@link Session#acknowledged}), so the window
 * never fills and the in-flight bookkeeping is measured both ways.
 *
 * <p>The channel is an {@link EmbeddedChannel} whose event loop is the session's, as in the
 * broker's tests; the connection writes to it the way the broker's own connection does (see
 * {@link ChannelConnection}), except for the broker's flush batching, which is package-private. The
 * {@code expirySeconds} parameter chooses a clean session (0: nothing stored) or one that outlives
 * its connection (3600), whose QoS 1 messages are written to the in-memory session store.
 *
 * <p>{@code writeOnly} is the control: the same PUBLISH made from the message, written, encoded,
 * flushed and drained, without the session; {@code offer} minus {@code writeOnly} is the share of
 * {@code Session} and {@code OutboundFlow} (it does not depend on {@code expirySeconds}).
 *
 * <p>The benchmark threads are Netty {@code FastThreadLocalThread}s, so that the pooled buffers of
 * the encoder and the payload duplicates are cached and recycled as on an event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1,
        jvmArgsPrepend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.tern.benchmarks.EventLoopThreadExecutor"},
        jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class OutboundPathBenchmark {
    /** No shared subscription groups are subscribed here. */
    private static final List<SharedGroup> NO_GROUPS = List.of();

    static final String TOPIC = TopicTree.name(5, 7);
    static final int PAYLOAD_SIZE = 64;

    @Param({"AT_MOST_ONCE", "AT_LEAST_ONCE"})
    public QoS qos;

    @Param({"0", "3600"})
    public long expirySeconds;

    private EmbeddedChannel channel;
    private ChannelConnection connection;
    private Session session;
    private Subscriber subscriber;
    private Message message;
    private boolean acknowledge;
    private static final int[] NO_IDENTIFIERS = new int[0];

    @Setup(Level.Trial)
    public void setUp() {
        channel = new EmbeddedChannel(new MqttCodec(MqttPacketDecoder.Role.SERVER, MqttPacketDecoder.MAX_PACKET_SIZE));
        SubscriptionIndex index = new SubscriptionIndex();
        BrokerSessions broker = new BrokerSessions(index, channel.eventLoop());
        connection = new ChannelConnection(channel, "subscriber", MqttVersion.V3_1_1, broker.metrics());
        session = broker.open("subscriber", connection, expirySeconds);
        session.subscribe(new Subscriber(session, new Subscription(TOPIC, QoS.AT_LEAST_ONCE), 0));
        List<Subscriber> matches = new ArrayList<>();
        index.match(TOPIC, matches, NO_GROUPS);
        subscriber = matches.get(0);
        ByteBuf payload = PooledByteBufAllocator.DEFAULT.directBuffer(PAYLOAD_SIZE);
        for (int i = 0; i < PAYLOAD_SIZE; i++) {
            payload.writeByte('a' + i % 26);
        }
        message = new Message(TOPIC, qos, false, payload, MqttProperties.EMPTY, "publisher");
        acknowledge = qos != QoS.AT_MOST_ONCE;

        // Check once that an operation delivers one PUBLISH of the expected size, at once.
        int bytes = deliver();
        int expected = 2 + 2 + TOPIC.length() + (acknowledge ? 2 : 0) + PAYLOAD_SIZE;
        if (bytes != expected) {
            throw new IllegalStateException("one delivery wrote " + bytes + " bytes, not " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        int refCnt = message.refCnt();
        message.release();
        channel.finishAndReleaseAll();
        if (refCnt != 1) {
            throw new IllegalStateException("leak: the message has " + (refCnt - 1) + " references held");
        }
    }

    @Benchmark
    public int offer() {
        return deliver();
    }

    @Benchmark
    public int writeOnly() {
        connection.send(message.toPublish(qos, false, false, acknowledge ? 1 : 0, NO_IDENTIFIERS));
        return flushAndDrain();
    }

    /** Delivers the message, acknowledges it for QoS 1, and takes what was written off the channel. */
    private int deliver() {
        session.offer(message, subscriber);
        if (acknowledge && !session.acknowledged(connection.lastPacketId())) {
            throw new IllegalStateException("PUBACK " + connection.lastPacketId() + " was not in flight");
        }
        return flushAndDrain();
    }

    /** Flushes the channel and takes what was written off it, as the socket would. */
    private int flushAndDrain() {
        channel.flush();
        int bytes = 0;
        for (Object written; (written = channel.readOutbound()) != null; ) {
            bytes += ((ByteBuf) written).readableBytes();
            ReferenceCountUtil.release(written);
        }
        return bytes;
    }
}
