package io.tern.client.internal;

import io.tern.client.BlockingMqttClient;
import io.tern.client.ConnectResult;
import io.tern.client.DisconnectOptions;
import io.tern.client.Message;
import io.tern.client.MessageHandler;
import io.tern.client.MqttClient;
import io.tern.client.MqttClientException;
import io.tern.client.MqttTimeoutException;
import io.tern.client.PublishResult;
import io.tern.client.SubscribeResult;
import io.tern.client.Subscription;
import io.tern.client.UnsubscribeResult;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The blocking view of a client: each operation waits for its future, up to a timeout. */
final class BlockingClient implements BlockingMqttClient {
    private final MqttClient client;
    private final Duration timeout;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    BlockingClient(MqttClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public ConnectResult connect() {
        return await(client.connect(), "connection");
    }

    @Override
    public PublishResult publish(Message message) {
        return await(client.publish(message), "acknowledgement of the publish to " + message.topic());
    }

    @Override
    public SubscribeResult subscribe(MessageHandler handler, Subscription... subscriptions) {
        return await(client.subscribe(handler, subscriptions), "SUBACK");
    }

    @Override
    public SubscribeResult subscribe(Subscription... subscriptions) {
        return subscribe(received::add, subscriptions);
    }

    @Override
    public Message receive(Duration wait) throws InterruptedException {
        return received.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public UnsubscribeResult unsubscribe(String... filters) {
        return await(client.unsubscribe(filters), "UNSUBACK");
    }

    @Override
    public Message request(Message request, Duration responseTimeout) {
        return await(client.request(request, responseTimeout), "response to the request on " + request.topic());
    }

    @Override
    public void disconnect() {
        await(client.disconnect(), "end of the connection");
    }

    @Override
    public void disconnect(DisconnectOptions options) {
        await(client.disconnect(options), "end of the connection");
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public MqttClient async() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MqttClientException known) {
                throw known;
            }
            throw new MqttClientException(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new MqttTimeoutException(what, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttClientException("interrupted while waiting for " + what, e);
        }
    }
}
