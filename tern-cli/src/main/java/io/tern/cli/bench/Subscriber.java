package io.tern.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Disconnect;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.util.List;

/**
 * The handler of one subscribing connection: subscribes, answers each PUBLISH as its QoS requires
 * (PUBACK, or PUBREC then PUBCOMP), flushing once per read batch, and reads the bench header of each
 * message to log its sequence number per publisher, advance that publisher's {@link Watermark} and
 * record its latency when it was sent in the measured window.
 */
final class Subscriber extends ChannelInboundHandlerAdapter {
    private final int index;
    private final String filter;
    private final QoS qos;
    private final Watermark[] watermarks;
    private final SequenceLog[] logs;
    private final int expectedPerPublisher;
    private final Clock clock;
    private final LoadStats stats;
    private final Promise<Void> subscribed = ImmediateEventExecutor.INSTANCE.newPromise();

    private Channel channel;
    private boolean mustFlush;
    private long lastMeasuredAt;

    /**
     * @param watermarks           by publisher index, those of this subscriber's group ({@code null} for
     *                             publishers it does not hear from)
     * @param expectedPerPublisher the messages expected from each publisher, to size the logs
     */
    Subscriber(int index, String filter, QoS qos, Watermark[] watermarks, int expectedPerPublisher, Clock clock,
               LoadStats stats) {
        this.index = index;
        this.filter = filter;
        this.qos = qos;
        this.watermarks = watermarks;
        this.logs = new SequenceLog[watermarks.length];
        this.expectedPerPublisher = expectedPerPublisher;
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Sends SUBSCRIBE, from any thread; completes on a SUBACK that grants it. */
    Future<Void> subscribe() {
        channel.writeAndFlush(new Subscribe(1, List.of(new Subscription(filter, qos)), MqttProperties.EMPTY))
                .addListener(written -> {
                    if (!written.isSuccess()) {
                        subscribed.tryFailure(new BenchException("subscriber " + index + " could not subscribe: "
                                + written.cause()));
                    }
                });
        return subscribed;
    }

    /** The sequence numbers received from publisher {@code publisher}, or {@code null}: read on the event loop. */
    Future<SequenceLog> log(int publisher) {
        return channel.eventLoop().submit(() -> logs[publisher]);
    }

    /** When the last measured message arrived ({@link System#nanoTime()}), 0 if none: read on the event loop. */
    Future<Long> lastMeasuredAt() {
        return channel.eventLoop().submit(() -> lastMeasuredAt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Publish publish) {
            try {
                received(publish);
            } finally {
                publish.release();
            }
        } else if (msg instanceof PubRel rel) {
            Acks.pubcomp(channel, rel.packetId());
            mustFlush = true;
        } else if (msg instanceof Suback suback) {
            subacked(suback);
        } else if (msg instanceof Disconnect disconnect) {
            stats.error("the broker disconnected subscriber " + index + ": " + disconnect.reasonCode());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void received(Publish publish) {
        if (publish.qos() == QoS.AT_LEAST_ONCE) {
            Acks.puback(channel, publish.packetId());
            mustFlush = true;
        } else if (publish.qos() == QoS.EXACTLY_ONCE) {
            Acks.pubrec(channel, publish.packetId());
            mustFlush = true;
        }
        long now = System.nanoTime();
        ByteBuf payload = publish.payload();
        int publisher = Payload.hasHeader(payload) ? Payload.publisher(payload) : -1;
        if (publisher < 0 || publisher >= logs.length || watermarks[publisher] == null) {
            stats.error("subscriber " + index + " got a message that is not from this bench on " + publish.topic());
            return;
        }
        long sequence = Payload.sequence(payload);
        long sentAt = Payload.sentNanos(payload);
        stats.received.increment();
        SequenceLog log = logs[publisher];
        if (log == null) {
            log = new SequenceLog(expectedPerPublisher);
            logs[publisher] = log;
        }
        log.add(sequence);
        watermarks[publisher].advance(sequence);
        if (clock.measured(sentAt)) {
            stats.measuredReceived.increment();
            stats.recordLatency((now - sentAt) / 1000);
            lastMeasuredAt = now;
        }
    }

    private void subacked(Suback suback) {
        ReasonCode code = suback.reasonCodes().get(0);
        if (code.isError()) {
            subscribed.tryFailure(new BenchException("the broker refused the subscription of subscriber " + index
                    + " to " + filter + ": " + code));
        } else if (code.value() < qos.value()) {
            subscribed.tryFailure(new BenchException("the broker granted QoS " + code.value() + " to " + filter
                    + ", not the " + qos.value() + " asked for"));
        } else {
            subscribed.trySuccess(null);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (mustFlush) {
            mustFlush = false;
            channel.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!subscribed.tryFailure(new BenchException("subscriber " + index + " lost its connection before SUBACK"))) {
            stats.error("subscriber " + index + " lost its connection");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.error("subscriber " + index + ": " + cause);
        ctx.close();
    }
}
