package io.tern.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.util.List;

/**
 * Between the WebSocket frames and the MQTT codec: the bytes of binary frames go up as they come (a
 * packet may span frames, a frame may hold several packets), each buffer written goes down as one binary
 * frame [MQTT-6.0.0-1]. A text frame breaks the protocol and closes the connection [MQTT-6.0.0-1]; a
 * refused upgrade becomes a {@link WebSocketUpgradeException}.
 */
final class WebSocketBytes extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
    private final URI uri;

    WebSocketBytes(URI uri) {
        this.uri = uri;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            ctx.fireExceptionCaught(new ConnectionLostException("protocol error: the server at " + uri + " sent a "
                    + frame.getClass().getSimpleName() + "; MQTT travels in binary frames only", null));
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException refused) {
            ctx.fireExceptionCaught(new WebSocketUpgradeException(
                    "WebSocket upgrade at " + uri + " refused: " + describe(refused), refused));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private static String describe(WebSocketClientHandshakeException refused) {
        HttpResponse response = refused.response();
        if (response == null) {
            return refused.getMessage();
        }
        int code = response.status().code();
        String status = response.status().toString();
        return switch (code) {
            case 101 -> refused.getMessage();
            case 404 -> status + " (wrong path?)";
            case 401, 403 -> status + " (the server wants credentials at the HTTP level)";
            default -> status + (code >= 300 && code < 400 ? " (redirected to " + response.headers().get("Location")
                    + ")" : "");
        };
    }
}
