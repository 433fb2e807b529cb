package io.tern.broker.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed TLS handshake in one line (a client without a trusted certificate, one that does not
 * trust the broker's), then leaves the pipeline once the handshake is over.
 */
final class TlsHandshakeLog extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLog.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                LOG.debug("TLS handshake with {}: {}", ctx.channel().remoteAddress(),
                        ctx.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
            } else {
                LOG.info("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), reason(completion.cause()));
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(event);
    }

    private static String reason(Throwable cause) {
        Throwable deepest = cause;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return String.valueOf(deepest.getMessage());
    }
}
