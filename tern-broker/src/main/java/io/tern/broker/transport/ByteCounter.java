package io.tern.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.tern.broker.sys.BrokerMetrics;

/** Counts the bytes of every read and write of the connections it sits in, for {@code $SYS}. */
@ChannelHandler.Sharable
final class ByteCounter extends ChannelDuplexHandler {
    private final BrokerMetrics metrics;

    ByteCounter(BrokerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesReceived(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesSent(buf.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
