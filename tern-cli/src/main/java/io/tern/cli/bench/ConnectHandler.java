package io.tern.cli.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.tern.codec.PropertyId;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.PingReq;
import java.util.concurrent.TimeUnit;

/**
 * Opens the MQTT session of a bench connection: sends CONNECT when the socket is up and completes
 * {@code connected} on CONNACK, or fails it with a message that says why (refused, closed). Then it
 * leaves the pipeline to the client's own handler, and keeps the connection alive with a PINGREQ
 * every half keep-alive.
 */
final class ConnectHandler extends ChannelInboundHandlerAdapter {
    /** The Receive Maximum of the broker (MQTT 5), 65,535 when it sets none. */
    static final AttributeKey<Integer> RECEIVE_MAXIMUM = AttributeKey.valueOf("tern.bench.receiveMaximum");

    private final Connect connect;
    private final Target target;
    private final Promise<Channel> connected;

    ConnectHandler(Connect connect, Target target, Promise<Channel> connected) {
        this.connect = connect;
        this.target = target;
        this.connected = connected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(connect, ctx.voidPromise());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Connack connack)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (connack.reasonCode().isError()) {
            connected.tryFailure(new BenchException("the broker at " + target.address() + " refused CONNECT from "
                    + connect.clientId() + ": " + connack.reasonCode()
                    + String.format(" (0x%02X)", connack.reasonCode().value())));
            ctx.close();
            return;
        }
        Channel channel = ctx.channel();
        channel.attr(RECEIVE_MAXIMUM).set(connack.properties().intValue(PropertyId.RECEIVE_MAXIMUM, 0xFFFF));
        if (connect.keepAlive() > 0) {
            long every = connect.keepAlive() * 1000L / 2;
            ScheduledFuture<?> ping = channel.eventLoop().scheduleAtFixedRate(
                    () -> channel.writeAndFlush(PingReq.INSTANCE, channel.voidPromise()),
                    every, every, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(closed -> ping.cancel(false));
        }
        ctx.pipeline().remove(this);
        connected.trySuccess(channel);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connected.tryFailure(new BenchException("the broker at " + target.address()
                + " closed the connection of " + connect.clientId() + " before CONNACK"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connected.tryFailure(new BenchException("connection of " + connect.clientId() + " to "
                + target.address() + " failed: " + cause.getMessage()));
        ctx.close();
    }
}
