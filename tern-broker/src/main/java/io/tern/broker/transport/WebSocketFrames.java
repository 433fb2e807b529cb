package io.tern.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between WebSocket and MQTT: the bytes of binary frames go to the MQTT codec as one stream, whatever
 * the frames' boundaries (a frame may hold several packets or a part of one) [MQTT-6.0.0-2]; what the
 * codec writes goes out as binary frames [MQTT-6.0.0-1]. The buffers pass through without a copy,
 * and what is written between two flushes goes out as one frame (a composite of the buffers), not one
 * frame per buffer: a PUBLISH is written as its header and its payload, and a batch as many packets.
 *
 * <p>A text frame closes the connection (status 1003, unsupported data) [MQTT-6.0.0-1], and an HTTP
 * request for another path is answered 404.
 *
 * <p>The closing handshake of WebSocket is here too: when MQTT closes the connection, the client gets
 * a close frame (1000, normal closure) and the connection ends when it answers with its own, or after
 * {@link #CLOSE_REPLY_MILLIS} (closing at once would make clients that answer write to a closed socket);
 * a client's close frame is echoed, then the connection ends.
 */
final class WebSocketFrames extends ChannelDuplexHandler {
    /** How long the client may take to answer the close frame. */
    static final long CLOSE_REPLY_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrames.class);

    /** Whether the WebSocket handshake is over: closing then takes a close frame. */
    private boolean open;
    /** Whether a close frame went out: what the client sends after it is dropped. */
    private boolean closeSent;
    /** The bytes written since the last flush, or {@code null}. */
    private CompositeByteBuf unflushed;
    /** The promises of those writes, told when their frame is written. */
    private final List<ChannelPromise> unflushedPromises = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            open = true;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            if (closeSent) {
                close.release();
                ctx.close();
            } else {
                closeSent = true;
                ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE); // the echo releases it
            }
        } else if (closeSent) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
            ctx.fireChannelRead(((WebSocketFrame) msg).content()); // the frame is its content
        } else if (msg instanceof WebSocketFrame frame) {
            String type = frame.getClass().getSimpleName().replace("WebSocketFrame", "").toLowerCase(Locale.ROOT);
            frame.release();
            LOG.info("Client {} sent a WebSocket {} frame, not binary: closing", ctx.channel().remoteAddress(), type);
            sendClose(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, ctx.newPromise());
        } else if (msg instanceof FullHttpRequest request) {
            String uri = request.uri();
            request.release();
            LOG.debug("HTTP request for {} from {}: not the WebSocket path", uri, ctx.channel().remoteAddress());
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            if (unflushed == null) {
                unflushed = ctx.alloc().compositeDirectBuffer(Integer.MAX_VALUE);
            }
            unflushed.addComponent(true, bytes);
            if (!promise.isVoid()) {
                unflushedPromises.add(promise);
            }
        } else {
            writeUnflushed(ctx);
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writeUnflushed(ctx);
        ctx.flush();
    }

    /** Writes what was written since the last flush as one binary frame. */
    private void writeUnflushed(ChannelHandlerContext ctx) {
        if (unflushed == null) {
            return;
        }
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(unflushed);
        unflushed = null;
        if (unflushedPromises.isEmpty()) {
            ctx.write(frame, ctx.voidPromise());
            return;
        }
        ChannelPromise[] promises = unflushedPromises.toArray(ChannelPromise[]::new);
        unflushedPromises.clear();
        ctx.write(frame).addListener(written -> {
            for (ChannelPromise promise : promises) {
                if (written.isSuccess()) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(written.cause());
                }
            }
        });
    }

    /** Releases what was never flushed, and fails its writes, when the connection ends. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (unflushed != null) {
            unflushed.release();
            unflushed = null;
        }
        ClosedChannelException closed = new ClosedChannelException();
        unflushedPromises.forEach(promise -> promise.tryFailure(closed));
        unflushedPromises.clear();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (open && !closeSent && ctx.channel().isActive()) {
            sendClose(ctx, WebSocketCloseStatus.NORMAL_CLOSURE, promise);
        } else {
            flush(ctx);
            ctx.close(promise);
        }
    }

    /** Sends a close frame; the connection ends when the client answers, or after {@link #CLOSE_REPLY_MILLIS}. */
    private void sendClose(ChannelHandlerContext ctx, WebSocketCloseStatus status, ChannelPromise closed) {
        closeSent = true;
        writeUnflushed(ctx);
        ctx.writeAndFlush(new CloseWebSocketFrame(status));
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> ctx.close(), CLOSE_REPLY_MILLIS,
                TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(done -> {
            timeout.cancel(false);
            closed.trySuccess();
        });
    }
}
