package io.tern.client.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.tern.client.ConnectResult;
import io.tern.client.MqttClientException;
import io.tern.client.MqttReasonCodeException;
import io.tern.client.PublishResult;
import io.tern.client.persistence.InFlightStore;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.PublishResponse;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketEncoder;
import io.tern.client.Message;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound QoS flows of a client's session: publishes waiting for a connection or for room in the
 * server's receive maximum, and those in flight until PUBACK or PUBCOMP. It outlives connections: on a
 * reconnect that resumes the session, in-flight publishes are sent again with DUP and their original
 * packet identifiers, and PUBREL again for those past PUBREC [MQTT-4.4.0-1], in their original order
 * [MQTT-4.6.0-1]. A message's MQTT 5 expiry interval counts down while it waits here, as on a server
 * [MQTT-3.3.2-6]: it is sent with what remains, and dropped (its future failed) if it expires before it
 * is first sent. The countdown starts when the flow takes the message: for one read back from the
 * persistence, when the program started. Used on the event loop only.
 */
final class OutboundFlow {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundFlow.class);

    private final InFlightStore store;
    private final PacketIdAllocator packetIds;
    /** Publishes accepted and not yet in flight: shared with the threads that publish, for back-pressure. */
    private final AtomicInteger queued;
    private final int clientAliasMaximum;
    private final IntObjectMap<OutboundPublish> inFlight = new IntObjectHashMap<>();
    private final ArrayDeque<OutboundPublish> waiting = new ArrayDeque<>();
    private final LongSupplier nanoTime;

    private Channel channel;
    private boolean v5;
    private int sendQuota;
    private QoS maximumQos = QoS.EXACTLY_ONCE;
    private boolean retainAvailable = true;
    private long maximumPacketSize = Long.MAX_VALUE;
    private OutboundTopicAliases aliases = new OutboundTopicAliases(0);
    private boolean written;

    /**
     * A flow that counts message expiry with {@code nanoTime}, {@link System#nanoTime()} in production.
     */
    OutboundFlow(InFlightStore store, PacketIdAllocator packetIds, AtomicInteger queued, int clientAliasMaximum,
                 LongSupplier nanoTime) {
        this.store = store;
        this.packetIds = packetIds;
        this.queued = queued;
        this.clientAliasMaximum = clientAliasMaximum;
        this.nanoTime = nanoTime;
    }

    /** Takes a publish made by an earlier run of the program, with the packet identifier it had. */
    void recover(OutboundPublish publish) {
        publish.acceptedAt = nanoTime.getAsLong();
        if (publish.packetId != 0) {
            packetIds.reserve(publish.packetId);
            inFlight.put(publish.packetId, publish);
        } else {
            queued.incrementAndGet();
            waiting.add(publish);
        }
    }

    /** Takes a newly accepted publish, counted in {@code queued} already; writes it when it may. */
    void accept(OutboundPublish publish) {
        publish.acceptedAt = nanoTime.getAsLong();
        waiting.add(publish);
        pump();
    }

    /**
     * Starts sending on a new connection with the server's limits. If the server resumed the session,
     * the in-flight publishes are sent again; if not, those past PUBREC are complete (the server took
     * them) and the others go first in line as new publishes.
     */
    void connected(Channel channel, MqttVersion version, ConnectResult result) {
        this.channel = channel;
        this.v5 = version.isV5();
        this.sendQuota = result.receiveMaximum();
        this.maximumQos = result.maximumQos();
        this.retainAvailable = result.retainAvailable();
        this.maximumPacketSize = result.maximumPacketSize();
        this.aliases = new OutboundTopicAliases(v5 ? Math.min(clientAliasMaximum, result.topicAliasMaximum()) : 0);
        List<OutboundPublish> resend = new ArrayList<>(inFlight.values());
        resend.sort(Comparator.comparingLong(publish -> publish.key));
        if (result.sessionPresent()) {
            for (OutboundPublish publish : resend) {
                if (publish.released) {
                    channel.write(new PubRel(publish.packetId), channel.voidPromise());
                } else {
                    write(publish, true);
                }
            }
        } else {
            for (int i = resend.size() - 1; i >= 0; i--) {
                OutboundPublish publish = resend.get(i);
                inFlight.remove(publish.packetId);
                packetIds.free(publish.packetId);
                if (publish.released) {
                    persist(() -> store.remove(publish.key));
                    succeed(publish, ReasonCode.SUCCESS, MqttProperties.EMPTY);
                } else {
                    publish.packetId = 0;
                    queued.incrementAndGet();
                    waiting.addFirst(publish);
                }
            }
        }
        written = true;
        pump();
    }

    /** The connection ended: publishes stay for the next one. */
    void disconnected() {
        channel = null;
    }

    /** Handles PUBACK, PUBREC and PUBCOMP; PUBREL is the inbound flow's. */
    void acknowledged(PublishResponse response) {
        OutboundPublish publish = inFlight.get(response.packetId());
        if (publish == null) {
            return;
        }
        ReasonCode code = response.reasonCode();
        switch (response.type()) {
            case PUBACK, PUBCOMP -> finish(publish, code, response.properties());
            case PUBREC -> {
                if (code.isError()) {
                    finish(publish, code, response.properties());
                } else if (!publish.released) {
                    publish.released = true;
                    persist(() -> store.released(publish.key));
                    channel.write(new PubRel(publish.packetId), channel.voidPromise());
                    written = true;
                }
            }
            default -> throw new IllegalArgumentException("not an answer to PUBLISH: " + response);
        }
        pump();
    }

    /** Fails every publish (the client disconnected or gave up); a durable store keeps them for the next run. */
    void failAll(MqttClientException cause) {
        for (OutboundPublish publish : inFlight.values()) {
            packetIds.free(publish.packetId);
            publish.future.completeExceptionally(cause);
        }
        inFlight.clear();
        OutboundPublish publish;
        while ((publish = waiting.poll()) != null) {
            queued.decrementAndGet();
            publish.future.completeExceptionally(cause);
        }
    }

    /** Flushes the channel if anything was written since the last flush. */
    void flush() {
        if (written && channel != null) {
            written = false;
            channel.flush();
        }
    }

    private void pump() {
        while (channel != null && !waiting.isEmpty()) {
            OutboundPublish publish = waiting.peek();
            MqttClientException refusal = refusal(publish);
            if (refusal != null) {
                waiting.poll();
                queued.decrementAndGet();
                persist(() -> store.remove(publish.key));
                publish.future.completeExceptionally(refusal);
                continue;
            }
            if (publish.message.qos() == QoS.AT_MOST_ONCE) {
                waiting.poll();
                queued.decrementAndGet();
                write(publish, false);
                continue;
            }
            int packetId = inFlight.size() < sendQuota ? packetIds.allocate() : 0;
            if (packetId == 0) {
                return;
            }
            waiting.poll();
            queued.decrementAndGet();
            publish.packetId = packetId;
            persist(() -> store.sent(publish.key, packetId));
            inFlight.put(packetId, publish);
            write(publish, false);
        }
    }

    private MqttClientException refusal(OutboundPublish publish) {
        if (expired(publish)) {
            return new MqttClientException("the message to " + publish.message.topic() + " expired after "
                    + publish.message.messageExpiry().orElseThrow().getSeconds() + " s before it could be sent", null);
        }
        if (publish.message.qos().value() > maximumQos.value()) {
            return new MqttClientException("the server accepts QoS up to " + maximumQos.value() + ", not "
                    + publish.message.qos().value() + " (Maximum QoS in CONNACK)", null);
        }
        if (publish.message.retain() && !retainAvailable) {
            return new MqttClientException("the server does not support retained messages (Retain Available 0)", null);
        }
        return null;
    }

    private void write(OutboundPublish publish, boolean dup) {
        String topic = publish.message.topic();
        if (tooLarge(publish)) {
            inFlight.remove(publish.packetId);
            packetIds.free(publish.packetId);
            persist(() -> store.remove(publish.key));
            publish.future.completeExceptionally(new MqttClientException("the message to " + topic
                    + " is larger than the server's maximum packet size of " + maximumPacketSize + " bytes", null));
            return;
        }
        int alias = aliases.aliasFor(topic);
        Publish packet = Messages.toPublish(withRemainingExpiry(publish), alias > 0 ? "" : topic, Math.abs(alias),
                publish.packetId, dup, v5);
        written = true;
        if (publish.message.qos() == QoS.AT_MOST_ONCE) {
            channel.write(packet).addListener((ChannelFutureListener) future -> {
                if (future.isSuccess()) {
                    succeed(publish, ReasonCode.SUCCESS, MqttProperties.EMPTY);
                } else {
                    publish.future.completeExceptionally(new MqttClientException(
                            "the message to " + topic + " could not be written: " + future.cause(), future.cause()));
                }
            });
        } else {
            channel.write(packet, channel.voidPromise());
        }
    }

    /**
     * Whether the PUBLISH of a message would exceed the server's Maximum Packet Size; checked before a topic
     * alias is taken for it, so that an alias is never assigned by a packet that is not sent.
     */
    private boolean tooLarge(OutboundPublish publish) {
        if (maximumPacketSize >= MqttPacketDecoder.MAX_PACKET_SIZE) {
            return false;
        }
        Publish packet = Messages.toPublish(publish.message, publish.message.topic(), 0, publish.packetId, false, v5);
        try {
            return MqttPacketEncoder.encodedSize(packet, v5 ? MqttVersion.V5 : MqttVersion.V3_1_1) > maximumPacketSize;
        } finally {
            packet.release();
        }
    }

    /** Whether the message's expiry interval (if any, and not 0) passed while it waited. */
    private boolean expired(OutboundPublish publish) {
        long expiry = publish.message.messageExpiry().map(Duration::getSeconds).orElse(0L);
        return expiry > 0 && waitedSeconds(publish) >= expiry;
    }

    /**
     * The message with its expiry interval less the whole seconds it waited, at least 1 (for one in flight
     * since); itself if it has no expiry or waited less than a second.
     */
    private Message withRemainingExpiry(OutboundPublish publish) {
        Optional<Duration> expiry = publish.message.messageExpiry();
        long waited = expiry.isEmpty() ? 0 : waitedSeconds(publish);
        if (waited == 0 || expiry.get().isZero()) {
            return publish.message;
        }
        long remaining = Math.max(1, expiry.get().getSeconds() - waited);
        return publish.message.toBuilder().messageExpiry(Duration.ofSeconds(remaining)).build();
    }

    private long waitedSeconds(OutboundPublish publish) {
        return TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - publish.acceptedAt);
    }

    private void finish(OutboundPublish publish, ReasonCode code, MqttProperties properties) {
        inFlight.remove(publish.packetId);
        packetIds.free(publish.packetId);
        persist(() -> store.remove(publish.key));
        if (code.isError()) {
            PacketType packet = publish.message.qos() == QoS.AT_LEAST_ONCE ? PacketType.PUBACK : PacketType.PUBREC;
            publish.future.completeExceptionally(new MqttReasonCodeException(packet, code,
                    properties.stringValue(PropertyId.REASON_STRING)));
        } else {
            succeed(publish, code, properties);
        }
    }

    /**
     * Runs a change of the in-flight store. A failure is logged, not thrown: the message's outcome stands,
     * and what the store missed makes the next run send it again, which at least once allows.
     */
    private static void persist(Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.warn("the in-flight store missed a change; the next run may send a message again", e);
        }
    }

    private static void succeed(OutboundPublish publish, ReasonCode code, MqttProperties properties) {
        publish.future.complete(new PublishResult(publish.message, code,
                Optional.ofNullable(properties.stringValue(PropertyId.REASON_STRING)), properties.userProperties()));
    }
}
