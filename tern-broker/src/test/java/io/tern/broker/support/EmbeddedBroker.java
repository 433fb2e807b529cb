package io.tern.broker.support;

import io.tern.broker.BrokerConfig;
import io.tern.broker.TernBroker;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker on a free loopback port for each test: register with
 * {@code @RegisterExtension final EmbeddedBroker broker = new EmbeddedBroker();}.
 */
public final class EmbeddedBroker implements BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<TernBroker.Builder> customizer;
    private TernBroker broker;
    private List<InetSocketAddress> bound;

    /** A broker with the default configuration. */
    public EmbeddedBroker() {
        this(builder -> builder);
    }

    /** A broker whose builder the test adjusts (configuration, authenticator...). */
    public EmbeddedBroker(UnaryOperator<TernBroker.Builder> customizer) {
        this.customizer = customizer;
    }

    /** A broker with this configuration. */
    public static EmbeddedBroker withConfig(BrokerConfig config) {
        return new EmbeddedBroker(builder -> builder.config(config));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        broker = customizer.apply(TernBroker.builder().listen("127.0.0.1", 0)).build();
        bound = broker.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        broker.close();
    }

    /** The port the broker listens on. */
    public int port() {
        return port(0);
    }

    /** The port of the broker's listener {@code index}: 0 the plain TCP one, then those the customizer added. */
    public int port(int index) {
        return bound.get(index).getPort();
    }

    /** The address for Paho: {@code tcp://127.0.0.1:port}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    /** A raw socket client connected to the broker. */
    public RawClient rawClient() {
        return new RawClient(port());
    }

    /** The broker itself. */
    public TernBroker broker() {
        return broker;
    }
}
