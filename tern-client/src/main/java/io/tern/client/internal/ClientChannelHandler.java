package io.tern.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tern.client.Transport;
import io.tern.codec.packet.MqttPacket;

/** The end of a client channel's pipeline: hands packets and channel events to the client. */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {
    private final NettyMqttClient client;
    private final Transport transport;

    ClientChannelHandler(NettyMqttClient client, Transport transport) {
        this.client = client;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!transport.hasHandshake()) {
            client.transportReady(ctx.channel());
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (transport.isReady(event)) {
            client.transportReady(ctx.channel());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        client.packetReceived(ctx.channel(), (MqttPacket) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        client.readComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        client.channelFailed(ctx.channel(), cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.channelClosed(ctx.channel());
    }
}
