package io.tern.client;

import io.tern.codec.QoS;
import java.time.Duration;

/**
 * The operations of {@link MqttClient}, waiting for their outcome up to the timeout the view was made
 * with. Failures are thrown as the {@link MqttClientException} the future failed with; waiting too long
 * throws {@link MqttTimeoutException}. Besides handlers, messages can be pulled from a queue:
 * {@link #subscribe(String, QoS)} without a handler sends them to {@link #receive(Duration)}.
 */
public interface BlockingMqttClient extends AutoCloseable {
    /** Connects; see {@link MqttClient#connect()}. */
    ConnectResult connect();

    /** Publishes and waits for the acknowledgement; see {@link MqttClient#publish(Message)}. */
    PublishResult publish(Message message);

    /** Subscribes with a handler; see {@link MqttClient#subscribe(MessageHandler, Subscription...)}. */
    SubscribeResult subscribe(MessageHandler handler, Subscription... subscriptions);

    /** Subscribes to topic filters whose messages are queued for {@link #receive(Duration)}. */
    SubscribeResult subscribe(Subscription... subscriptions);

    /** Subscribes to one topic filter whose messages are queued for {@link #receive(Duration)}. */
    default SubscribeResult subscribe(String filter, QoS qos) {
        return subscribe(Subscription.of(filter, qos));
    }

    /**
     * The next message of the subscriptions made without handler, waiting up to {@code timeout}.
     *
     * @return the message, or {@code null} if none came in time
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    Message receive(Duration timeout) throws InterruptedException;

    /** Unsubscribes; see {@link MqttClient#unsubscribe(String...)}. */
    UnsubscribeResult unsubscribe(String... filters);

    /** Sends a request and waits for its response; see {@link MqttClient#request(Message, Duration)}. */
    Message request(Message request, Duration timeout);

    /** Disconnects normally. */
    void disconnect();

    /** Disconnects with MQTT 5 options. */
    void disconnect(DisconnectOptions options);

    /** Whether the client is connected now. */
    boolean isConnected();

    /** The asynchronous client this is a view of. */
    MqttClient async();

    /** Closes the client; see {@link MqttClient#close()}. */
    @Override
    void close();
}
