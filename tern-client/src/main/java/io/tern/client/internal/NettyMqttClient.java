package io.tern.client.internal;

import io.tern.client.BlockingMqttClient;
import io.tern.client.ConnectResult;
import io.tern.client.DisconnectOptions;
import io.tern.client.Message;
import io.tern.client.MessageHandler;
import io.tern.client.MqttClient;
import io.tern.client.PublishResult;
import io.tern.client.SubscribeResult;
import io.tern.client.Subscription;
import io.tern.client.UnsubscribeResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The client over a Netty channel. */
public final class NettyMqttClient implements MqttClient {
    private final ClientConfig config;

    /** A client with these settings, not connected. */
    public NettyMqttClient(ClientConfig config) {
        this.config = config;
    }

    @Override
    public CompletableFuture<ConnectResult> connect() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public CompletableFuture<PublishResult> publish(Message message) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public CompletableFuture<SubscribeResult> subscribe(MessageHandler handler, Subscription... subscriptions) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public CompletableFuture<UnsubscribeResult> unsubscribe(String... filters) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void onMessage(MessageHandler handler) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public CompletableFuture<Message> request(Message request, Duration timeout) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectOptions options) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public boolean isConnected() {
        return false;
    }

    @Override
    public String clientId() {
        return config.clientId();
    }

    @Override
    public BlockingMqttClient blocking(Duration timeout) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
