package io.tern.broker.transport;

import io.netty.buffer.ByteBuf;
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
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between WebSocket and MQTT: the bytes of binary frames go to the MQTT codec as one stream, whatever
 * the frames' boundaries (a frame may hold several packets or a part of one) [MQTT-6.0.0-2]; what the
 * codec writes goes out as binary frames [MQTT-6.0.0-1]. The buffers pass through without a copy.
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
            ctx.write(new BinaryWebSocketFrame(bytes), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (open && !closeSent && ctx.channel().isActive()) {
            sendClose(ctx, WebSocketCloseStatus.NORMAL_CLOSURE, promise);
        } else {
            ctx.close(promise);
        }
    }

    /** Sends a close frame; the connection ends when the client answers, or after {@link #CLOSE_REPLY_MILLIS}. */
    private void sendClose(ChannelHandlerContext ctx, WebSocketCloseStatus status, ChannelPromise closed) {
        closeSent = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(status));
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> ctx.close(), CLOSE_REPLY_MILLIS, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(done -> {
            timeout.cancel(false);
            closed.trySuccess();
        });
    }
}
