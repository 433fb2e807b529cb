package io.tern.broker;

import static io.tern.broker.support.Clients.closeQuietly;
import static io.tern.broker.support.Clients.connectedHiveMq;
import static io.tern.broker.support.Clients.connectedPaho;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows;
import io.tern.broker.support.SysTopicValues;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.Publish;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber that stops reading (a raw socket with a small receive buffer that the test leaves
 * unread) while a HiveMQ client publishes 3,000 messages of 1 KiB, one in ten QoS 1, without waiting
 * for acknowledgements, to it and to a fast Paho subscriber. With max-pending-bytes 64 KiB the bytes
 * waiting for the slow subscriber's socket stay within the mark and one message; its QoS 0 messages
 * beyond are dropped and counted in $SYS, its QoS 1 messages wait in its queue and all arrive, in
 * order, once it reads; the fast subscriber gets everything meanwhile.
 */
@Timeout(120) // the HiveMQ blocking client waits without limit: a hang fails the test instead
class SlowConsumerTest {
    private static final int MAX_PENDING = 64 * 1024;
    private static final int MESSAGES = 3000;
    private static final int QOS1_EVERY = 10;
    private static final int PAYLOAD_SIZE = 1024;
    /** One PUBLISH as the channel counts it: its bytes, and Netty's overhead for its two buffers. */
    private static final int ONE_MESSAGE = PAYLOAD_SIZE + 64 + 2 * 96;

    /**
     * An in-flight window larger than the QoS 1 messages sent, so that what holds them back is the
     * subscriber's socket, not its missing acknowledgements (behind a full window, QoS 0 messages queue).
     */
    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().maxPendingBytes(MAX_PENDING)
            .maxInflight(1000).maxQueuedMessages(1000).sysInterval(Duration.ofMillis(200)).build());

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopSampler() throws InterruptedException {
        sampler.shutdownNow();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("[MQTT-4.6.0-6] a subscriber that stops reading holds at most max-pending-bytes and one message "
            + "in the broker; it loses QoS 0 messages only, gets its QoS 1 messages in order when it reads again; "
            + "the publisher and a fast subscriber are not held up")
    void slowSubscriberIsBoundedAndDoesNotSlowOthers() throws Exception {
        MqttClient fast = null;
        Mqtt3BlockingClient publisher = null;
        try (RawClient slow = new RawClient(broker.port(), 4096)) {
            RawFlows.connack(slow, "slow", true);
            RawFlows.subscribe(slow, "slow/#", QoS.AT_LEAST_ONCE);
            AtomicLong maxPending = samplePendingBytes(channelOf(slow));

            AtomicInteger fastReceived = new AtomicInteger();
            fast = connectedPaho(broker, "fast", true);
            fast.setCallback(new Counter(fastReceived));
            fast.subscribe("slow/#", 1);

            publisher = connectedHiveMq(broker, "publisher");
            Mqtt3AsyncClient asyncPublisher = publisher.toAsync();
            List<CompletableFuture<Mqtt3Publish>> published = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                published.add(asyncPublisher.publishWith().topic("slow/t")
                        .qos(i % QOS1_EVERY == 0 ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE)
                        .payload(ByteBuffer.allocate(PAYLOAD_SIZE).putInt(i).array()).send());
            }
            CompletableFuture.allOf(published.toArray(CompletableFuture[]::new))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Awaitility.await().atMost(TIMEOUT).until(() -> fastReceived.get() == MESSAGES);

            List<Integer> qos1 = new ArrayList<>();
            int qos0 = 0;
            while (qos1.size() < MESSAGES / QOS1_EVERY) {
                Publish publish = slow.receive(Publish.class);
                if (publish.qos() == QoS.AT_LEAST_ONCE) {
                    qos1.add(publish.payload().getInt(0));
                    slow.send(new PubAck(publish.packetId()));
                } else {
                    qos0++;
                }
                publish.release();
            }

            assertThat(maxPending.get()).as("bytes pending for the slow subscriber")
                    .isLessThanOrEqualTo(MAX_PENDING + ONE_MESSAGE);
            assertThat(qos1).as("every QoS 1 message, in order").containsExactlyElementsOf(
                    IntStream.range(0, MESSAGES / QOS1_EVERY).map(i -> i * QOS1_EVERY).boxed().toList());
            int dropped = MESSAGES - MESSAGES / QOS1_EVERY - qos0;
            assertThat(dropped).as("QoS 0 messages beyond the bound are dropped").isPositive();
            SysTopicValues.awaitValue(broker, "$SYS/broker/publish/messages/dropped", Integer.toString(dropped));
        } finally {
            closeQuietly(fast);
            closeQuietly(publisher);
        }
    }

    /** The broker's channel of a raw client: the one whose remote port is the client's local port. */
    private Channel channelOf(RawClient client) {
        for (Channel channel : broker.broker().clients()) {
            if (((InetSocketAddress) channel.remoteAddress()).getPort() == client.localPort()) {
                return channel;
            }
        }
        throw new AssertionError("no channel for the client's port " + client.localPort());
    }

    /** The most bytes seen pending in the channel's outbound buffer, sampled every millisecond from now. */
    private AtomicLong samplePendingBytes(Channel channel) {
        AtomicLong max = new AtomicLong();
        sampler.scheduleAtFixedRate(() -> {
            ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            if (buffer != null) {
                max.accumulateAndGet(buffer.totalPendingWriteBytes(), Math::max);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        return max;
    }

    /** Counts the messages a Paho client receives. */
    private record Counter(AtomicInteger received) implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
