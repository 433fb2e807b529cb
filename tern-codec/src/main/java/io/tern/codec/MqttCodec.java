package io.tern.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import java.net.SocketAddress;
import java.util.List;

/**
 * The Netty handler that turns bytes into {@link MqttPacket}s and packets into bytes, one handler for
 * both directions so that a connection carries one pipeline context for its codec, not two.
 *
 * <p>Reading: packets split across reads wait for their remaining bytes, several packets in one read
 * come out one by one, and a packet larger than the maximum packet size is refused from its fixed
 * header, before its body is buffered. A violation fires {@link MqttCodecException} through
 * {@code exceptionCaught} after the packets that came before it; every byte after it is discarded,
 * as the connection is to be closed.
 *
 * <p>Writing: packets are written in the protocol version of the connection ({@link #version()}),
 * MQTT 3.1.1 before one is known, which is what a server answers an unknown protocol level with.
 * Writing CONNECT fixes the version (the client side); reading it does on the server side. The payload
 * of a PUBLISH is never copied: the encoded header is written, then the payload buffer itself, and the
 * socket takes both in one gathering write. It does not flush; callers flush once per batch.
 */
public final class MqttCodec extends ByteToMessageDecoder implements ChannelOutboundHandler {
    private final MqttPacketDecoder decoder;
    private final TrafficCounter traffic;
    private boolean failed;

    /**
     * A codec for one channel that counts no traffic.
     *
     * @param role              which end of the connection this is
     * @param maximumPacketSize the largest packet accepted, in bytes, fixed header included
     */
    public MqttCodec(MqttPacketDecoder.Role role, int maximumPacketSize) {
        this(role, maximumPacketSize, TrafficCounter.NONE);
    }

    /**
     * A codec for one channel.
     *
     * @param role              which end of the connection this is
     * @param maximumPacketSize the largest packet accepted, in bytes, fixed header included
     * @param traffic           told the bytes read and written
     */
    public MqttCodec(MqttPacketDecoder.Role role, int maximumPacketSize, TrafficCounter traffic) {
        this.decoder = new MqttPacketDecoder(role, maximumPacketSize);
        this.traffic = traffic;
    }

    /** The protocol version of the connection, or {@code null} before CONNECT. */
    public MqttVersion version() {
        return decoder.version();
    }

    /** Fixes the protocol version of the connection, for a CONNECT that did not pass through here. */
    public void version(MqttVersion version) {
        decoder.version(version);
    }

    /** Changes the largest packet accepted, as a client does when it sends CONNECT. */
    public void maximumPacketSize(int maximumPacketSize) {
        decoder.maximumPacketSize(maximumPacketSize);
    }

    // ---- reading ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            traffic.received(buf.readableBytes());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            MqttPacket packet;
            while ((packet = decoder.decode(in)) != null) {
                out.add(packet);
            }
        } catch (MqttCodecException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    // ---- writing ----

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof MqttPacket packet)) {
            if (msg instanceof ByteBuf buf) {
                traffic.sent(buf.readableBytes());
            }
            ctx.write(msg, promise);
            return;
        }
        ByteBuf header;
        try {
            if (packet instanceof Connect connect) {
                decoder.version(connect.version());
            }
            MqttVersion version = decoder.version();
            header = MqttPacketEncoder.encodeWithoutPayload(ctx.alloc(),
                    packet, version == null ? MqttVersion.V3_1_1 : version);
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(packet);
            promise.setFailure(e);
            return;
        }
        if (packet instanceof Publish publish) {
            traffic.sent(header.readableBytes() + publish.payload().readableBytes());
            ctx.write(header, promise.isVoid() ? promise : ctx.newPromise());
            ctx.write(publish.payload(), promise);
        } else {
            traffic.sent(header.readableBytes());
            ctx.write(header, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
                        ChannelPromise promise) {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.close(promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }
}
