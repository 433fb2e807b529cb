package io.tern.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns the JDK's TLS exceptions into a {@link TlsException} that says what to change: trust the server's
 * CA, connect by a name its certificate holds, show a client certificate. Sits right after the SslHandler.
 */
final class TlsFailures extends ChannelInboundHandlerAdapter {
    private final String server;
    private final boolean showsCertificate;
    private boolean handshakeDone;
    private boolean reported;

    /**
     * @param showsCertificate whether the client has a certificate to show, which tells "the server requires
     *                         a certificate" from "the server refused ours"
     */
    TlsFailures(String host, int port, boolean showsCertificate) {
        this.server = host + ":" + port;
        this.showsCertificate = showsCertificate;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                handshakeDone = true;
            } else {
                report(ctx, completion.cause());
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (find(cause, SSLException.class) == null) {
            ctx.fireExceptionCaught(cause);
        } else {
            report(ctx, cause);
        }
    }

    private void report(ChannelHandlerContext ctx, Throwable cause) {
        if (!reported) {
            reported = true;
            String reason = reason(cause);
            // with TLS 1.3 the server judges the client's certificate after the client thinks the handshake done
            boolean duringHandshake = !handshakeDone || reason.contains("client certificate");
            ctx.fireExceptionCaught(new TlsException("TLS " + (duringHandshake ? "handshake" : "connection")
                    + " with " + server + " failed: " + reason, cause));
        }
    }

    /** Why, in words a person can act on. */
    private String reason(Throwable cause) {
        SSLException ssl = find(cause, SSLException.class);
        String text = String.valueOf(ssl == null ? cause.getMessage() : ssl.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        if (find(cause, CertPathBuilderException.class) != null || find(cause, CertPathValidatorException.class) != null
                || lower.contains("pkix") || lower.contains("certification path")) {
            return "the server's certificate is not trusted (trust its CA: --cafile)";
        }
        CertificateException certificate = find(cause, CertificateException.class);
        if (certificate != null && String.valueOf(certificate.getMessage()).startsWith("No ")) {
            return "the server's certificate is not for this host (" + certificate.getMessage()
                    + "): connect by a name it holds, or skip this check with --insecure";
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                || lower.contains("unknown_ca") || lower.contains("certificate_unknown")) {
            return showsCertificate ? "the server refused the client certificate (" + text + ")"
                    : "the server requires a client certificate (--cert and --key)";
        }
        if (lower.contains("protocol_version") || lower.contains("no appropriate protocol")) {
            return "the server speaks none of the TLS versions offered (--tls-version): " + text;
        }
        return text;
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
