package io.tern.broker.sys;

import io.netty.buffer.Unpooled;
import io.tern.broker.BrokerContext;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.SubscriptionIndex;
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
    private final BrokerContext broker;
    private final SubscriptionIndex subscriptions;

    /** Publishes the state of a broker and its subscriptions on the broker itself. */
    public SysTopics(String version, BrokerContext broker, SubscriptionIndex subscriptions) {
        this.version = version;
        this.broker = broker;
        this.subscriptions = subscriptions;
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
        BrokerMetrics metrics = broker.metrics();
        values.put("clients/connected", Long.toString(metrics.connectedClients()));
        values.put("clients/total", Integer.toString(broker.sessions().size()));
        values.put("messages/received", Long.toString(metrics.messagesReceived()));
        values.put("messages/sent", Long.toString(metrics.messagesSent()));
        values.put("publish/messages/dropped", Long.toString(metrics.messagesDropped()));
        values.put("bytes/received", Long.toString(metrics.bytesReceived()));
        values.put("bytes/sent", Long.toString(metrics.bytesSent()));
        values.put("subscriptions/count", Integer.toString(subscriptions.size()));
        values.put("retained messages/count", Integer.toString(broker.retained().size()));
        return values;
    }

    private void publish(String topic, String value) {
        broker.publish(new Message(PREFIX + topic, QoS.AT_MOST_ONCE, true,
                Unpooled.copiedBuffer(value, StandardCharsets.UTF_8), MqttProperties.EMPTY, "$SYS"));
    }
}
