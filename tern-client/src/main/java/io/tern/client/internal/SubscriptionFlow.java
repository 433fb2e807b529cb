package io.tern.client.internal;

import io.netty.channel.Channel;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.tern.client.MqttClientException;
import io.tern.client.MqttReasonCodeException;
import io.tern.client.SubscribeResult;
import io.tern.client.Subscription;
import io.tern.client.UnsubscribeResult;
import io.tern.codec.MqttProperties;
import io.tern.codec.PacketType;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Unsuback;
import io.tern.codec.packet.Unsubscribe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * SUBSCRIBE and UNSUBSCRIBE with their acknowledgements: each waits under its packet identifier for
 * SUBACK or UNSUBACK, which completes its future and updates the {@link Dispatcher}'s routes. When
 * every filter is refused the future fails with the first error reason code.
 * Used on the event loop only.
 */
final class SubscriptionFlow {
    private final PacketIdAllocator packetIds;
    private final Dispatcher dispatcher;
    private final IntObjectMap<Waiting> waiting = new IntObjectHashMap<>();

    /** An acknowledgement waited for: what to do with it, or with the failure that came instead. */
    private record Waiting(Consumer<MqttPacket> acknowledged, CompletableFuture<?> future) {
    }

    /** What subscriptions made together share, as they share one SUBSCRIBE packet. */
    record PacketProperties(OptionalInt identifier, List<UserProperty> userProperties) {
        static PacketProperties of(Subscription subscription) {
            return new PacketProperties(subscription.identifier(), subscription.userProperties());
        }
    }

    SubscriptionFlow(PacketIdAllocator packetIds, Dispatcher dispatcher) {
        this.packetIds = packetIds;
        this.dispatcher = dispatcher;
    }

    /** Sends SUBSCRIBE; the routes are in the dispatcher already, so nothing sent after SUBACK is missed. */
    void subscribe(Channel channel, boolean v5, List<Subscription> subscriptions,
                   CompletableFuture<SubscribeResult> future) {
        MqttProperties properties = v5 ? subscribeProperties(subscriptions.get(0)) : MqttProperties.EMPTY;
        List<io.tern.codec.packet.Subscription> packets = subscriptions.stream()
                .map(s -> new io.tern.codec.packet.Subscription(s.filter(), s.qos(), s.noLocal(), s.retainAsPublished(),
                        s.retainHandling()))
                .toList();
        send(channel, future, packetId -> new Subscribe(packetId, packets, properties), ack -> {
            Suback suback = (Suback) ack;
            List<ReasonCode> codes = suback.reasonCodes();
            for (int i = 0; i < Math.min(codes.size(), subscriptions.size()); i++) {
                if (codes.get(i).isError()) {
                    dispatcher.remove(subscriptions.get(i).filter());
                }
            }
            Optional<String> reason = reasonString(suback.properties());
            if (allRefused(codes)) {
                future.completeExceptionally(new MqttReasonCodeException(PacketType.SUBACK, codes.get(0),
                        reason.orElse(null)));
            } else {
                future.complete(new SubscribeResult(subscriptions, codes, reason, suback.properties().userProperties()));
            }
        });
    }

    /** The properties of a SUBSCRIBE, which its subscriptions share: the identifier and user properties. */
    private static MqttProperties subscribeProperties(Subscription subscription) {
        if (subscription.identifier().isEmpty() && subscription.userProperties().isEmpty()) {
            return MqttProperties.EMPTY;
        }
        MqttProperties.Builder properties = MqttProperties.builder();
        subscription.identifier().ifPresent(properties::subscriptionIdentifier);
        subscription.userProperties().forEach(properties::userProperty);
        return properties.build();
    }

    /** Sends UNSUBSCRIBE, with {@code userProperties} on MQTT 5; the routes go when UNSUBACK comes. */
    void unsubscribe(Channel channel, boolean v5, List<String> filters, List<UserProperty> userProperties,
                     CompletableFuture<UnsubscribeResult> future) {
        MqttProperties properties = MqttProperties.EMPTY;
        if (v5 && !userProperties.isEmpty()) {
            MqttProperties.Builder builder = MqttProperties.builder();
            userProperties.forEach(builder::userProperty);
            properties = builder.build();
        }
        MqttProperties sent = properties;
        send(channel, future, packetId -> new Unsubscribe(packetId, filters, sent), ack -> {
            Unsuback unsuback = (Unsuback) ack;
            filters.forEach(dispatcher::remove);
            Optional<String> reason = reasonString(unsuback.properties());
            if (allRefused(unsuback.reasonCodes())) {
                future.completeExceptionally(new MqttReasonCodeException(PacketType.UNSUBACK,
                        unsuback.reasonCodes().get(0), reason.orElse(null)));
            } else {
                future.complete(new UnsubscribeResult(filters, unsuback.reasonCodes(), reason,
                        unsuback.properties().userProperties()));
            }
        });
    }

    /**
     * Makes every subscription of the dispatcher again, as a new session needs; one SUBSCRIBE per identifier
     * and user properties.
     */
    void resubscribe(Channel channel, boolean v5) {
        Map<PacketProperties, List<Subscription>> byPacket = new HashMap<>();
        for (Subscription subscription : dispatcher.subscriptions()) {
            byPacket.computeIfAbsent(PacketProperties.of(subscription),
                    key -> new ArrayList<>()).add(subscription);
        }
        for (List<Subscription> group : byPacket.values()) {
            subscribe(channel, v5, group, new CompletableFuture<>());
        }
    }

    /** Handles SUBACK or UNSUBACK. */
    void acknowledged(int packetId, MqttPacket ack) {
        Waiting handler = waiting.remove(packetId);
        if (handler != null) {
            packetIds.free(packetId);
            handler.acknowledged().accept(ack);
        }
    }

    /** Fails everything waiting, as the connection ended. */
    void failAll(MqttClientException cause) {
        for (IntObjectMap.PrimitiveEntry<Waiting> entry : waiting.entries()) {
            packetIds.free(entry.key());
            entry.value().future().completeExceptionally(cause);
        }
        waiting.clear();
    }

    private void send(Channel channel, CompletableFuture<?> future,
                      java.util.function.IntFunction<MqttPacket> packet, Consumer<MqttPacket> acknowledged) {
        int packetId = packetIds.allocate();
        if (packetId == 0) {
            future.completeExceptionally(new MqttClientException("all 65535 packet identifiers are in use", null));
            return;
        }
        waiting.put(packetId, new Waiting(acknowledged, future));
        channel.writeAndFlush(packet.apply(packetId), channel.voidPromise());
    }

    private static boolean allRefused(List<ReasonCode> codes) {
        return !codes.isEmpty() && codes.stream().allMatch(ReasonCode::isError);
    }

    private static Optional<String> reasonString(MqttProperties properties) {
        return Optional.ofNullable(properties.stringValue(PropertyId.REASON_STRING));
    }
}
