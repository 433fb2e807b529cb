package io.tern.broker.sys;

import io.netty.buffer.Unpooled;
import io.tern.broker.retained.RetainedStore;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.Router;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.session.SessionRegistry;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes the broker's state under {@code $SYS/broker/}, with mosquitto's topic names, as retained
 * QoS 0 messages. Call {@link #publish()} from an event loop, at the configured interval.
 */
public final class SysTopics {
    /** The prefix of every topic published here. */
    public static final String PREFIX = "$SYS/broker/";

    private final String version;
    private final long startNanos = System.nanoTime();
    private final BrokerMetrics metrics;
    private final SessionRegistry sessions;
    private final SubscriptionIndex subscriptions;
    private final RetainedStore retained;
    private final Router router;

    /** Publishes the state of these parts of a broker. */
    public SysTopics(String version, BrokerMetrics metrics, SessionRegistry sessions, SubscriptionIndex subscriptions,
                     RetainedStore retained, Router router) {
        this.version = version;
        this.metrics = metrics;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.retained = retained;
        this.router = router;
    }

    /** Publishes every value now. */
    public void publish() {
        values().forEach(this::publish);
    }

    /** The topics (without the prefix) and their values. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("version", "tern " + version);
        values.put("uptime", (System.nanoTime() - startNanos) / 1_000_000_000L + " seconds");
        values.put("clients/connected", Long.toString(metrics.connectedClients()));
        values.put("clients/total", Integer.toString(sessions.size()));
        values.put("messages/received", Long.toString(metrics.messagesReceived()));
        values.put("messages/sent", Long.toString(metrics.messagesSent()));
        values.put("publish/messages/dropped", Long.toString(metrics.messagesDropped()));
        values.put("bytes/received", Long.toString(metrics.bytesReceived()));
        values.put("bytes/sent", Long.toString(metrics.bytesSent()));
        values.put("subscriptions/count", Integer.toString(subscriptions.size()));
        values.put("retained messages/count", Integer.toString(retained.size()));
        return values;
    }

    private void publish(String topic, String value) {
        Message message = new Message(PREFIX + topic, QoS.AT_MOST_ONCE, true,
                Unpooled.copiedBuffer(value, StandardCharsets.UTF_8), MqttProperties.EMPTY, "$SYS");
        try {
            retained.retain(message);
            router.route(message);
        } finally {
            message.release();
        }
    }
}
