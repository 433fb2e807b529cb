package io.tern.client.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.tern.client.PacketListener;
import io.tern.codec.packet.MqttPacket;
import java.util.List;

/**
 * Shows the {@link PacketListener}s each packet between the codec and the client, both ways. In the
 * pipeline only when there are listeners, so a client without them pays nothing.
 */
final class PacketTap extends ChannelDuplexHandler {
    private final List<PacketListener> listeners;

    PacketTap(List<PacketListener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPacket packet) {
            listeners.forEach(listener -> listener.received(packet));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttPacket packet) {
            listeners.forEach(listener -> listener.sending(packet));
        }
        ctx.write(msg, promise);
    }
}
