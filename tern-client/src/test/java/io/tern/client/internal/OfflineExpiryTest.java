package io.tern.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tern.client.ConnectResult;
import io.tern.client.Message;
import io.tern.client.MqttClientException;
import io.tern.client.PublishResult;
import io.tern.client.persistence.Persistence;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Publish;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The message expiry of publishes waiting in the offline buffer, on a clock the test moves. */
class OfflineExpiryTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger queued = new AtomicInteger();
    private final OutboundFlow flow = new OutboundFlow(Persistence.memory().open("expiry"), new PacketIdAllocator(),
            queued, 0, now::get);
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private CompletableFuture<PublishResult> offline(String topic, Duration expiry) {
        Message.Builder message = Message.builder().topic(topic).payload("x").qos(QoS.AT_LEAST_ONCE);
        if (expiry != null) {
            message.messageExpiry(expiry);
        }
        OutboundPublish publish = new OutboundPublish(message.build(), new CompletableFuture<>(), queued.get(), false);
        queued.incrementAndGet();
        flow.accept(publish);
        return publish.future;
    }

    private void connect() {
        flow.connected(channel, MqttVersion.V5, new ConnectResult(false, ReasonCode.SUCCESS, "expiry",
                MqttProperties.EMPTY));
        flow.flush();
    }

    @Test
    @DisplayName("[MQTT-3.3.2-6] as on a server: a message that waited offline goes out with its expiry interval less "
            + "the time it waited, or not at all once expired")
    void expiryCountsDownWhileOffline() throws Exception {
        CompletableFuture<PublishResult> shortLived = offline("short", Duration.ofSeconds(3));
        CompletableFuture<PublishResult> longLived = offline("long", Duration.ofSeconds(10));
        CompletableFuture<PublishResult> forever = offline("forever", null);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(4_500));
        connect();

        Publish first = channel.readOutbound();
        Publish second = channel.readOutbound();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(first.topic()).isEqualTo("long");
        assertThat(first.properties().longValue(PropertyId.MESSAGE_EXPIRY_INTERVAL, -1)).isEqualTo(6);
        assertThat(second.topic()).isEqualTo("forever");
        assertThat(second.properties().has(PropertyId.MESSAGE_EXPIRY_INTERVAL)).isFalse();
        assertThat(shortLived).isCompletedExceptionally();
        assertThat(shortLived.handle((result, failure) -> failure).get())
                .isInstanceOf(MqttClientException.class).hasMessageContaining("expired after 3 s");
        assertThat(longLived).isNotDone();
        assertThat(forever).isNotDone();
        assertThat(queued).hasValue(0);
        first.release();
        second.release();
    }

    @Test
    @DisplayName("a message sent within a second of its publish keeps its expiry interval as given")
    void sentAtOnceKeepsItsExpiry() {
        offline("soon", Duration.ofSeconds(3));

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(900));
        connect();

        Publish publish = channel.readOutbound();
        assertThat(publish.properties().longValue(PropertyId.MESSAGE_EXPIRY_INTERVAL, -1)).isEqualTo(3);
        publish.release();
    }
}
