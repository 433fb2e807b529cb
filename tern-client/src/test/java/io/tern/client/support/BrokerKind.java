package io.tern.client.support;

import io.tern.broker.TernBroker;

/** The real brokers the client is tested against: parameterize a test with {@code @EnumSource(BrokerKind.class)}. */
public enum BrokerKind {
    /** An embedded {@code TernBroker}. */
    TERN {
        @Override
        public TestBroker start() {
            return EmbeddedTern.start(builder -> builder);
        }
    },
    /** A mosquitto process (Debian package {@code mosquitto}). */
    MOSQUITTO {
        @Override
        public TestBroker start() {
            return MosquittoBroker.start("");
        }
    };

    /** Starts a broker of this kind with its defaults. */
    public abstract TestBroker start();

    /** A Tern broker whose builder the test adjusts. */
    public static TestBroker tern(java.util.function.UnaryOperator<TernBroker.Builder> customizer) {
        return EmbeddedTern.start(customizer);
    }
}
