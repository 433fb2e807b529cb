package io.tern.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tern.codec.packet.MqttPacket;
import java.util.List;

/**
 * The Netty handler that turns bytes into {@link MqttPacket}s with a {@link MqttPacketDecoder}:
 * packets split across reads wait for their remaining bytes, several packets in one read come out
 * one by one, and a packet larger than the maximum packet size is refused from its fixed header,
 * before its body is buffered.
 *
 * <p>A violation fires {@link MqttCodecException} through {@code exceptionCaught} after the packets
 * that came before it; every byte after it is discarded, as the connection is to be closed.
 */
public final class MqttDecoder extends ByteToMessageDecoder {
    private final MqttPacketDecoder decoder;
    private boolean failed;

    /**
     * A decoder for one channel.
     *
     * @param role              which end of the connection reads
     * @param maximumPacketSize the largest packet accepted, in bytes, fixed header included
     */
    public MqttDecoder(MqttPacketDecoder.Role role, int maximumPacketSize) {
        this.decoder = new MqttPacketDecoder(role, maximumPacketSize);
    }

    /** Changes the largest packet accepted, as a client does when it sends CONNECT. */
    public void maximumPacketSize(int maximumPacketSize) {
        decoder.maximumPacketSize(maximumPacketSize);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (decoder.version() == null) {
            decoder.version(MqttChannelVersion.get(ctx.channel()));
        }
        try {
            MqttPacket packet;
            while ((packet = decoder.decode(in)) != null) {
                if (MqttChannelVersion.get(ctx.channel()) == null && decoder.version() != null) {
                    MqttChannelVersion.set(ctx.channel(), decoder.version());
                }
                out.add(packet);
            }
        } catch (MqttCodecException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
