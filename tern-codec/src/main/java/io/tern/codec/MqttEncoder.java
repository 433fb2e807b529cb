package io.tern.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;

/**
 * The Netty handler that writes {@link MqttPacket}s in the protocol version of the channel. The
 * payload of a PUBLISH is never copied: the encoded header is written, then the payload buffer
 * itself, and the socket takes both in one gathering write. It does not flush; callers flush once
 * per batch.
 *
 * <p>Writing CONNECT fixes the version of the channel (the client side); before a version is known,
 * packets are written as MQTT 3.1.1, which is what a server answers an unknown protocol level with.
 */
public final class MqttEncoder extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof MqttPacket packet)) {
            ctx.write(msg, promise);
            return;
        }
        MqttVersion version;
        ByteBuf header;
        try {
            if (packet instanceof Connect connect) {
                MqttChannelVersion.set(ctx.channel(), connect.version());
            }
            version = MqttChannelVersion.get(ctx.channel());
            header = MqttPacketEncoder.encodeWithoutPayload(ctx.alloc(),
                    packet, version == null ? MqttVersion.V3_1_1 : version);
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(packet);
            promise.setFailure(e);
            return;
        }
        if (packet instanceof Publish publish) {
            ctx.write(header, promise.isVoid() ? promise : ctx.newPromise());
            ctx.write(publish.payload(), promise);
        } else {
            ctx.write(header, promise);
        }
    }
}
