package io.tern.client.internal;

import io.tern.client.Message;
import io.tern.client.MqttClient;
import io.tern.client.MqttClientException;
import io.tern.client.MqttTimeoutException;
import io.tern.client.SubscribeResult;
import io.tern.client.Subscription;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MQTT 5 request/response: subscribes once to each response topic, tags each request with correlation
 * data, and completes the request's future with the message that comes back carrying it.
 */
final class RequestResponse {
    private static final HexFormat HEX = HexFormat.of();

    private final MqttClient client;
    private final MqttVersion version;
    private final String defaultResponseTopic = "tern/response/" + UUID.randomUUID();
    private final long salt = UUID.randomUUID().getMostSignificantBits();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<SubscribeResult>> subscribed = new ConcurrentHashMap<>();

    RequestResponse(MqttClient client, MqttVersion version) {
        this.client = client;
        this.version = version;
    }

    CompletableFuture<Message> request(Message request, Duration timeout) {
        if (!version.isV5()) {
            return CompletableFuture.failedFuture(new MqttClientException(
                    "request/response needs MQTT 5 (response topic and correlation data); this client speaks "
                            + version, null));
        }
        String topic = request.responseTopic().orElse(defaultResponseTopic);
        byte[] correlation = request.correlationData().orElseGet(this::newCorrelationData);
        String key = HEX.formatHex(correlation);
        CompletableFuture<Message> response = new CompletableFuture<>();
        pending.put(key, response);
        Message outgoing = request.toBuilder().responseTopic(topic).correlationData(correlation).build();
        subscription(topic)
                .thenCompose(subscribed -> client.publish(outgoing))
                .whenComplete((published, failure) -> {
                    if (failure != null && pending.remove(key, response)) {
                        response.completeExceptionally(unwrap(failure));
                    }
                });
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            if (pending.remove(key, response)) {
                response.completeExceptionally(new MqttTimeoutException("response on " + topic, timeout));
            }
        });
        return response;
    }

    private CompletableFuture<SubscribeResult> subscription(String topic) {
        CompletableFuture<SubscribeResult> subscription = subscribed.computeIfAbsent(topic,
                t -> client.subscribe(this::responded, Subscription.of(t, QoS.AT_LEAST_ONCE)));
        subscription.whenComplete((result, failure) -> {
            if (failure != null) {
                subscribed.remove(topic, subscription);
            }
        });
        return subscription;
    }

    private void responded(Message message) {
        message.correlationData().map(HEX::formatHex).map(pending::remove)
                .ifPresent(future -> future.complete(message));
    }

    private byte[] newCorrelationData() {
        return ByteBuffer.allocate(16).putLong(salt).putLong(sequence.incrementAndGet()).array();
    }

    /** The failure inside a {@link CompletionException}. */
    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
