package io.tern.client;

import java.time.Duration;

/**
 * Told about the life of the connection. Runs on the client's callback executor. Every method has an
 * empty default, so implement only what you need.
 */
public interface ConnectionListener {
    /** The client connected, or reconnected. */
    default void connected(ConnectResult result) {
    }

    /** The connection ended without the client asking; automatic reconnect, if on, follows. */
    default void connectionLost(MqttClientException cause) {
    }

    /**
     * Automatic reconnect will try again after a delay.
     *
     * @param attempt the number of the attempt, 1 for the first after a loss
     * @param delay   how long it waits first
     */
    default void reconnecting(int attempt, Duration delay) {
    }

    /**
     * A publish recovered from {@link io.tern.client.persistence.Persistence} (made by an earlier run of
     * the program, whose future is gone) completed.
     */
    default void recoveredPublishCompleted(PublishResult result) {
    }
}
