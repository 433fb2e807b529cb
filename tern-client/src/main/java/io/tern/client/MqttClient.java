package io.tern.client;

import io.tern.codec.QoS;
import io.tern.codec.UserProperty;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous MQTT 3.1.1 and 5.0 client. Make one with {@link #builder()}:
 *
 * <pre>{@code
 * MqttClient client = MqttClient.builder().serverUri("mqtt://127.0.0.1:1883").clientId("sensor-1").build();
 * client.connect().join();
 * client.subscribe("alerts/#", QoS.AT_LEAST_ONCE, m -> System.out.println(m.payloadAsString())).join();
 * client.publish(Message.builder().topic("temp").payload("21.5").qos(QoS.AT_LEAST_ONCE).build());
 * }</pre>
 *
 * <p>Every operation returns at once with a future; none throws on the hot path. Publishes beyond the
 * server's receive maximum wait in a bounded queue; a publish that finds it full completes with
 * {@link PublishQueueFullException}. Futures complete on the network thread: chain long work with the
 * {@code ...Async} methods of {@link CompletableFuture}. Messages reach handlers on the callback
 * executor. The client is thread-safe.
 */
public interface MqttClient extends AutoCloseable {
    /** A builder of a client. */
    static MqttClientBuilder builder() {
        return new MqttClientBuilder();
    }

    /**
     * Opens the connection and sends CONNECT. Completes with the server's CONNACK, or fails with
     * {@link ConnectionRefusedException}, {@link ServerUnreachableException} or
     * {@link MqttTimeoutException}. Publishes persisted by an earlier run are resent after it.
     */
    CompletableFuture<ConnectResult> connect();

    /**
     * Publishes a message. Completes for QoS 0 when the message was written, for QoS 1 on PUBACK and for
     * QoS 2 on PUBCOMP; fails with {@link MqttReasonCodeException} when the server refuses it,
     * {@link PublishQueueFullException} when the pending queue (or offline buffer) is full, and
     * {@link NotConnectedException} when offline without automatic reconnect.
     */
    CompletableFuture<PublishResult> publish(Message message);

    /**
     * Subscribes to topic filters whose messages go to {@code handler}. They share one SUBSCRIBE packet.
     * Subscribing again to a filter replaces its handler. Made while the client is connecting or
     * reconnecting, the subscribe is sent once connected; otherwise it needs a connection and fails
     * with {@link NotConnectedException}.
     *
     * @param handler receives the messages of these subscriptions, or {@code null} for the global
     *                handler ({@link #onMessage})
     */
    CompletableFuture<SubscribeResult> subscribe(MessageHandler handler, Subscription... subscriptions);

    /** Subscribes to one topic filter whose messages go to {@code handler}. */
    default CompletableFuture<SubscribeResult> subscribe(String filter, QoS qos, MessageHandler handler) {
        return subscribe(handler, Subscription.of(filter, qos));
    }

    /** Unsubscribes from topic filters and forgets their handlers; waits for a connection like subscribe. */
    default CompletableFuture<UnsubscribeResult> unsubscribe(String... filters) {
        return unsubscribe(List.of(), filters);
    }

    /**
     * Unsubscribes from topic filters, sending {@code userProperties} in the UNSUBSCRIBE packet (MQTT 5;
     * left out on MQTT 3.1.1), and forgets their handlers; waits for a connection like subscribe.
     */
    CompletableFuture<UnsubscribeResult> unsubscribe(List<UserProperty> userProperties, String... filters);

    /**
     * Sets the handler of messages that no subscription handler takes (such as those of a session
     * the server resumed). Without one, such messages are dropped after acknowledgement.
     */
    void onMessage(MessageHandler handler);

    /**
     * MQTT 5 request/response: publishes {@code request} with a response topic (its own, or one the
     * client subscribes to once) and fresh correlation data, and completes with the first message that
     * comes back with that correlation data, or fails with {@link MqttTimeoutException}.
     */
    CompletableFuture<Message> request(Message request, Duration timeout);

    /** Disconnects normally: the server discards the will. Completes when the connection closed. */
    default CompletableFuture<Void> disconnect() {
        return disconnect(DisconnectOptions.NORMAL);
    }

    /** Disconnects with MQTT 5 options (reason code, session expiry, reason string). */
    CompletableFuture<Void> disconnect(DisconnectOptions options);

    /** Whether the client is connected now. */
    boolean isConnected();

    /** The client identifier in use: as configured, or as the server assigned it once connected. */
    String clientId();

    /** A blocking view of this client, whose operations wait up to {@code timeout}. */
    BlockingMqttClient blocking(Duration timeout);

    /** A blocking view of this client, whose operations wait up to 30 seconds. */
    default BlockingMqttClient blocking() {
        return blocking(Duration.ofSeconds(30));
    }

    /**
     * Disconnects if connected, fails what is still waiting with {@link NotConnectedException}, and
     * releases the threads the client made. A closed client cannot connect again.
     */
    @Override
    void close();
}
