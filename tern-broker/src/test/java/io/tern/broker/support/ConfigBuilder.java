package io.tern.broker.support;

import io.tern.broker.BrokerConfig;
import io.tern.codec.QoS;
import java.time.Duration;

/**
 * A {@link BrokerConfig} built from {@link BrokerConfig#defaults()}, changing only what a test sets:
 * {@code EmbeddedBroker.withConfig(config().maxInflight(2).build())}.
 */
public final class ConfigBuilder {
    private final BrokerConfig defaults = BrokerConfig.defaults();
    private int maxInflight = defaults.maxInflight();
    private int maxQueuedMessages = defaults.maxQueuedMessages();
    private long maxQueuedBytes = defaults.maxQueuedBytes();
    private boolean queueQos0 = defaults.queueQos0();
    private QoS maxQos = defaults.maxQos();
    private int maxPacketSize = defaults.maxPacketSize();
    private Duration connectTimeout = defaults.connectTimeout();
    private long sessionExpirySeconds = defaults.sessionExpirySeconds();
    private boolean allowZeroLengthClientId = defaults.allowZeroLengthClientId();
    private Duration sysInterval = defaults.sysInterval();

    private ConfigBuilder() {
    }

    /** A builder that starts from the defaults. */
    public static ConfigBuilder config() {
        return new ConfigBuilder();
    }

    /** Sets {@link BrokerConfig#maxInflight()}. */
    public ConfigBuilder maxInflight(int value) {
        maxInflight = value;
        return this;
    }

    /** Sets {@link BrokerConfig#maxQueuedMessages()}. */
    public ConfigBuilder maxQueuedMessages(int value) {
        maxQueuedMessages = value;
        return this;
    }

    /** Sets {@link BrokerConfig#maxQueuedBytes()}. */
    public ConfigBuilder maxQueuedBytes(long value) {
        maxQueuedBytes = value;
        return this;
    }

    /** Sets {@link BrokerConfig#queueQos0()}. */
    public ConfigBuilder queueQos0(boolean value) {
        queueQos0 = value;
        return this;
    }

    /** Sets {@link BrokerConfig#maxQos()}. */
    public ConfigBuilder maxQos(QoS value) {
        maxQos = value;
        return this;
    }

    /** Sets {@link BrokerConfig#maxPacketSize()}. */
    public ConfigBuilder maxPacketSize(int value) {
        maxPacketSize = value;
        return this;
    }

    /** Sets {@link BrokerConfig#connectTimeout()}. */
    public ConfigBuilder connectTimeout(Duration value) {
        connectTimeout = value;
        return this;
    }

    /** Sets {@link BrokerConfig#sessionExpirySeconds()}, the expiry of persistent MQTT 3 sessions. */
    public ConfigBuilder sessionExpirySeconds(long value) {
        sessionExpirySeconds = value;
        return this;
    }

    /** Sets {@link BrokerConfig#allowZeroLengthClientId()}. */
    public ConfigBuilder allowZeroLengthClientId(boolean value) {
        allowZeroLengthClientId = value;
        return this;
    }

    /** Sets {@link BrokerConfig#sysInterval()}. */
    public ConfigBuilder sysInterval(Duration value) {
        sysInterval = value;
        return this;
    }

    /** The configuration: the defaults with what was set (checked by {@link BrokerConfig}). */
    public BrokerConfig build() {
        return new BrokerConfig(maxInflight, maxQueuedMessages, maxQueuedBytes, queueQos0, maxQos, maxPacketSize,
                connectTimeout, sessionExpirySeconds, allowZeroLengthClientId, sysInterval);
    }
}
