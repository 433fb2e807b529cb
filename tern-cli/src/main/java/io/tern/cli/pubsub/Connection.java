package io.tern.cli.pubsub;

import io.tern.client.ConnectionListener;
import io.tern.client.DisconnectOptions;
import io.tern.client.Message;
import io.tern.client.MessageHandler;
import io.tern.client.MqttClient;
import io.tern.client.MqttClientException;
import io.tern.client.PublishResult;
import io.tern.client.SubscribeResult;
import io.tern.client.Subscription;
import io.tern.client.Reconnect;
import io.tern.codec.UserProperty;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connection of {@code tern pub} or {@code tern sub} to the broker, through tern-client; with
 * {@code -d}, a {@link DebugLog} prints each packet.
 */
public final class Connection implements AutoCloseable {
    /** The work a command does once connected; returns the exit code. */
    @FunctionalInterface
    public interface Work {
        int run(Connection connection) throws Exception;
    }

    /** How long after a loss {@link #reconnecting} tries again: mosquitto's reconnect delay. */
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final MqttClient client;
    private final DisconnectOptions disconnect;
    private final CompletableFuture<Void> lost;

    private Connection(MqttClient client, DisconnectOptions disconnect, CompletableFuture<Void> lost) {
        this.client = client;
        this.disconnect = disconnect;
        this.lost = lost;
    }

    /**
     * The connection {@code settings} describe, not yet open, that ends when lost; {@code -d} lines go to
     * {@code out}.
     *
     * @throws IllegalArgumentException when a -D property is one tern-client cannot send yet
     */
    public static Connection of(ClientSettings settings, PrintStream out) {
        return open(settings, out, Reconnect.off());
    }

    /**
     * The connection {@code settings} describe, not yet open, that comes back when lost once connected, as
     * mosquitto_sub's does: tern-client reconnects within a second and subscribes again.
     *
     * @throws IllegalArgumentException when a -D property is one tern-client cannot send yet
     */
    public static Connection reconnecting(ClientSettings settings, PrintStream out) {
        return open(settings, out, Reconnect.exponential(RECONNECT_DELAY, RECONNECT_DELAY));
    }

    private static Connection open(ClientSettings settings, PrintStream out, Reconnect reconnect) {
        CompletableFuture<Void> lost = new CompletableFuture<>();
        AtomicReference<MqttClient> named = new AtomicReference<>();
        DebugLog debug = settings.debug()
                ? new DebugLog(out, () -> named.get().clientId(), settings.version().isV5()) : null;
        MqttClient client = settings.newClient(new ConnectionListener() {
            @Override
            public void connectionLost(MqttClientException cause) {
                if (!reconnect.isEnabled()) {
                    lost.completeExceptionally(cause);
                }
            }
        }, reconnect, debug);
        named.set(client);
        return new Connection(client, settings.disconnectOptions(), lost);
    }

    /**
     * Connects, does {@code work}, disconnects, closes, and returns the exit code: the work's, or that of
     * the failure, which it tells on {@code err} as "tern sub: connection refused: not authorized (0x87)"
     * (see {@link Failures}).
     */
    public int run(String command, PrintWriter err, Work work) {
        try (this) {
            client.connect().join();
            int exitCode = work.run(this);
            disconnect();
            return exitCode;
        } catch (Exception e) {
            err.println(command + ": " + Failures.message(e));
            err.flush();
            return Failures.exitCode(e);
        }
    }

    /**
     * Hands the messages no subscription of this run takes (those of a session the broker kept) to
     * {@code handler}; call before {@link #run}.
     */
    public void onMessage(MessageHandler handler) {
        client.onMessage(handler);
    }

    /** Fails with the cause when the connection ends without the command asking, and does not come back. */
    public CompletableFuture<Void> lost() {
        return lost;
    }

    /** Publishes {@code message}; the future completes as {@link MqttClient#publish} says. */
    public CompletableFuture<PublishResult> publish(Message message) {
        return client.publish(message);
    }

    /** Subscribes, handing messages to {@code handler}, and waits for SUBACK. */
    public SubscribeResult subscribe(MessageHandler handler, Subscription... subscriptions) {
        return client.subscribe(handler, subscriptions).join();
    }

    /** Unsubscribes, with these MQTT 5 user properties, and waits for UNSUBACK. */
    public void unsubscribe(List<UserProperty> userProperties, String... filters) {
        client.unsubscribe(userProperties, filters).join();
    }

    private void disconnect() {
        if (client.isConnected()) {
            client.disconnect(disconnect).join();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
