package io.tern.cli.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The handler of one publishing connection. It publishes in bursts from its event loop, flushing
 * once per burst, while it may: the socket is writable, fewer than {@code --inflight} QoS 1/2
 * messages await their acknowledgement, no subscriber group is its share of {@code --max-ahead}
 * messages behind,
 * and, with a {@code --rate}, the message is due. Whatever unblocks it (an acknowledgement, a
 * writable socket, a subscriber catching up, the rate ticker) runs the same {@link #pump}.
 */
final class Publisher extends ChannelInboundHandlerAdapter {
    /** Messages written between flushes, and before yielding the event loop to other channels. */
    private static final int BURST = 64;
    /** Packet identifiers run from 1 to 65,535. */
    private static final int PACKET_IDS = 0xFFFF;
    /** How long a subscriber group may receive nothing before a waiting publisher counts a stall and goes on. */
    private static final long STALL_MILLIS = 500;

    private final int index;
    private final QoS qos;
    private final PublishTemplate template;
    private final Watermark[] receivers;
    private final int maxAhead;
    private final long count;
    private final double ratePerNano;
    private final long tickNanos;
    private final Clock clock;
    private final LoadStats stats;
    private final CountDownLatch done;
    private final Runnable pump = this::pump;
    private final BitSet packetIdsInUse = new BitSet(PACKET_IDS + 1);

    private Channel channel;
    private int maxInflight;
    private int inflight;
    private long nextSequence;
    private long firstMeasured = -1;
    private long measuredSent;
    private long measuredAcked;
    private long lastSentAt;
    private long aheadLimit;
    private long forgivenUpTo = -1;
    private long rateStart;
    private boolean started;
    private boolean finished;
    private boolean mustFlush;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> stallCheck;
    private long highestWhenWaiting;

    /**
     * @param receivers the watermarks of the subscriber groups that receive this publisher's messages
     * @param maxAhead  messages this publisher may be ahead of its slowest group, 0 for no limit
     * @param rate      this publisher's messages per second, 0 for as fast as it may
     * @param done      counted down when the publisher stops
     */
    Publisher(int index, BenchSettings settings, PublishTemplate template, Watermark[] receivers, int maxAhead, double rate,
              Clock clock, LoadStats stats, CountDownLatch done) {
        this.index = index;
        this.qos = settings.qos();
        this.template = template;
        this.receivers = receivers;
        this.maxAhead = maxAhead;
        this.count = settings.count();
        this.ratePerNano = rate / 1e9;
        this.tickNanos = rate > 0 ? Math.max(TimeUnit.MILLISECONDS.toNanos(1), (long) (1e9 / rate)) : 0;
        this.maxInflight = settings.inflight();
        this.clock = clock;
        this.stats = stats;
        this.done = done;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Starts publishing, from any thread; {@code phase} in [0, 1) staggers the rate ticks of publishers. */
    void start(double phase) {
        channel.eventLoop().execute(() -> {
            Integer receiveMaximum = channel.attr(ConnectHandler.RECEIVE_MAXIMUM).get();
            if (receiveMaximum != null) {
                maxInflight = Math.min(maxInflight, receiveMaximum);
            }
            started = true;
            if (tickNanos > 0) {
                long offset = (long) (phase * tickNanos);
                rateStart = System.nanoTime() + offset;
                ticker = channel.eventLoop().scheduleAtFixedRate(pump, offset, tickNanos, TimeUnit.NANOSECONDS);
            } else {
                pump();
            }
        });
    }

    /** Stops publishing, from any thread (the end of the measured window). */
    void stop() {
        channel.eventLoop().execute(this::finish);
    }

    /** What this publisher sent, read on its event loop once it has stopped. */
    Future<Totals> totals() {
        return channel.eventLoop().submit(() -> new Totals(firstMeasured, nextSequence, measuredSent, measuredAcked,
                lastSentAt));
    }

    /**
     * @param firstMeasured the sequence number of the first measured message, -1 when none was sent
     * @param end           the sequence number after the last message sent
     * @param measuredSent  measured messages sent
     * @param measuredAcked measured QoS 1/2 messages acknowledged
     * @param lastSentAt    when the last message was sent ({@link System#nanoTime()})
     */
    record Totals(long firstMeasured, long end, long measuredSent, long measuredAcked, long lastSentAt) {
    }

    private void pump() {
        if (!started || finished) {
            return;
        }
        int budget = BURST;
        long now = System.nanoTime();
        while (true) {
            if (now >= clock.measureUntil() || count > 0 && measuredSent >= count) {
                finish();
                break;
            }
            if (budget == 0) {
                channel.eventLoop().execute(pump);
                break;
            }
            if (!channel.isWritable() || !mayPublish(now)) {
                break;
            }
            publish(now);
            budget--;
            now = System.nanoTime();
        }
        flushIfNeeded();
    }

    private boolean mayPublish(long now) {
        if (qos != QoS.AT_MOST_ONCE && (inflight >= maxInflight || packetIdsInUse.get(packetId(nextSequence)))) {
            return false;
        }
        if (maxAhead > 0 && nextSequence >= aheadLimit && !subscribersCaughtUp()) {
            return false;
        }
        return ratePerNano <= 0 || nextSequence < (long) ((now - rateStart) * ratePerNano) + 1;
    }

    private void publish(long now) {
        int packetId = 0;
        if (qos != QoS.AT_MOST_ONCE) {
            packetId = packetId(nextSequence);
            packetIdsInUse.set(packetId);
            inflight++;
            stats.inflight.increment();
        }
        if (clock.measured(now)) {
            if (firstMeasured < 0) {
                firstMeasured = nextSequence;
            }
            measuredSent++;
            stats.measuredSent.increment();
        }
        channel.write(template.message(channel.alloc(), packetId, index, nextSequence, now), channel.voidPromise());
        mustFlush = true;
        lastSentAt = now;
        nextSequence++;
        stats.sent.increment();
    }

    /**
     * Whether every receiving group is less than {@code --max-ahead} messages behind; when one is not,
     * asks it to wake this publisher once it is only half that far behind.
     */
    private boolean subscribersCaughtUp() {
        Watermark slowest = null;
        long lowest = Long.MAX_VALUE;
        for (Watermark receiver : receivers) {
            long highest = receiver.highest();
            if (highest < lowest) {
                lowest = highest;
                slowest = receiver;
            }
        }
        aheadLimit = Math.max(lowest, forgivenUpTo) + 1 + maxAhead;
        if (slowest == null || nextSequence < aheadLimit) {
            return true;
        }
        if (!slowest.wakeAt(Math.max(forgivenUpTo + 1, nextSequence - 1 - maxAhead / 2), pump)) {
            channel.eventLoop().execute(pump);
        } else if (stallCheck == null) {
            highestWhenWaiting = lowest;
            stallCheck = channel.eventLoop().schedule(this::checkStall, STALL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** A group that received nothing of ours for a while lost the tail of what we sent: go on without it. */
    private void checkStall() {
        stallCheck = null;
        if (finished || nextSequence < aheadLimit) {
            return;
        }
        long lowest = Long.MAX_VALUE;
        for (Watermark receiver : receivers) {
            lowest = Math.min(lowest, receiver.highest());
        }
        if (lowest == highestWhenWaiting) {
            forgivenUpTo = nextSequence - 1;
            stats.stalls.increment();
        }
        pump();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PubAck ack) {
            acknowledged(ack.packetId(), ack.reasonCode());
        } else if (msg instanceof PubRec rec) {
            if (rec.reasonCode().isError()) {
                acknowledged(rec.packetId(), rec.reasonCode());
            } else {
                Acks.pubrel(channel, rec.packetId());
                mustFlush = true;
            }
        } else if (msg instanceof PubComp comp) {
            acknowledged(comp.packetId(), comp.reasonCode());
        } else if (msg instanceof Disconnect disconnect) {
            stats.error("the broker disconnected publisher " + index + ": " + disconnect.reasonCode());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void acknowledged(int packetId, ReasonCode reasonCode) {
        if (!packetIdsInUse.get(packetId)) {
            stats.error("publisher " + index + " got an acknowledgement for unknown packet id " + packetId);
            return;
        }
        packetIdsInUse.clear(packetId);
        inflight--;
        stats.inflight.decrement();
        if (reasonCode.isError()) {
            stats.error("the broker refused a message of publisher " + index + ": " + reasonCode);
            return;
        }
        if (firstMeasured >= 0 && sequenceOf(packetId) >= firstMeasured) {
            measuredAcked++;
            stats.measuredAcked.increment();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushIfNeeded();
        pump();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable()) {
            pump();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!finished) {
            stats.error("publisher " + index + " lost its connection");
            finish();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.error("publisher " + index + ": " + cause);
        ctx.close();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        flushIfNeeded();
        done.countDown();
    }

    private void flushIfNeeded() {
        if (mustFlush) {
            mustFlush = false;
            channel.flush();
        }
    }

    /** Sequence numbers take packet identifiers in turn: 1 + sequence modulo 65,535. */
    private static int packetId(long sequence) {
        return 1 + (int) (sequence % PACKET_IDS);
    }

    /**
     * The sequence number of the message in flight with {@code packetId}: the last sent that had it
     * (no two messages in flight share one, as {@link #mayPublish} waits for a packet id in use).
     */
    private long sequenceOf(int packetId) {
        long last = nextSequence - 1;
        return last - Math.floorMod(last - (packetId - 1), PACKET_IDS);
    }
}
