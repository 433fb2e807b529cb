package io.tern.client;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.tern.codec.MqttVersion;
import java.util.Objects;

/** MQTT over TLS: the SslHandler, with the host for SNI and hostname verification, then the MQTT codec. */
final class TlsTransport implements Transport {
    private final TlsConfig tls;

    TlsTransport(TlsConfig tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    @Override
    public int defaultPort() {
        return 8883;
    }

    @Override
    public void configure(ChannelPipeline pipeline, String host, int port, MqttVersion version) {
        addTls(pipeline, tls, host, port);
    }

    /** Adds TLS to {@code host}:{@code port} at the front of the pipeline, and the handler that explains its failures. */
    static void addTls(ChannelPipeline pipeline, TlsConfig tls, String host, int port) {
        pipeline.addLast("tls", tls.sslContext().newHandler(pipeline.channel().alloc(), host, port));
        pipeline.addLast("tlsFailures", new TlsFailures(host, port, tls.showsCertificate()));
    }

    @Override
    public boolean isReady(Object userEvent) {
        return userEvent instanceof SslHandshakeCompletionEvent completion && completion.isSuccess();
    }

    @Override
    public boolean hasHandshake() {
        return true;
    }

    @Override
    public String toString() {
        return "tls";
    }
}
