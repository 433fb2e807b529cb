package io.tern.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.tern.client.ConnectionLostException;
import io.tern.codec.packet.PingReq;
import io.tern.codec.packet.PingResp;
import java.util.concurrent.TimeUnit;

/**
 * Keep alive: sends PINGREQ when the client has sent nothing for the keep alive, or heard nothing
 * [MQTT-3.1.2-23]; closes the connection as lost when no PINGRESP follows within the keep alive.
 */
final class KeepAliveHandler extends IdleStateHandler {
    private final int seconds;
    private ScheduledFuture<?> pingTimeout;

    KeepAliveHandler(int seconds) {
        super(seconds, seconds, 0, TimeUnit.SECONDS);
        this.seconds = seconds;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (pingTimeout != null) {
            return;
        }
        ctx.writeAndFlush(PingReq.INSTANCE, ctx.voidPromise());
        pingTimeout = ctx.executor().schedule(() -> {
            ctx.fireExceptionCaught(new ConnectionLostException("no PINGRESP from the server within the keep alive of "
                    + seconds + " s: the connection is considered lost", null));
            ctx.close();
        }, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PingResp) {
            if (pingTimeout != null) {
                pingTimeout.cancel(false);
                pingTimeout = null;
            }
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        if (pingTimeout != null) {
            pingTimeout.cancel(false);
        }
        super.handlerRemoved(ctx);
    }
}
