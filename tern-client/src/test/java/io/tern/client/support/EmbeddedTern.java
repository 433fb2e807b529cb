package io.tern.client.support;

import io.tern.broker.TernBroker;
import java.util.function.UnaryOperator;

/** An embedded Tern broker on a free loopback port. */
final class EmbeddedTern implements TestBroker {
    private final TernBroker broker;
    private final int port;

    private EmbeddedTern(TernBroker broker) {
        this.broker = broker;
        this.port = broker.start().get(0).getPort();
    }

    static EmbeddedTern start(UnaryOperator<TernBroker.Builder> customizer) {
        return new EmbeddedTern(customizer.apply(TernBroker.builder().listen("127.0.0.1", 0).threads(1)).build());
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return "tern broker on " + port;
    }
}
