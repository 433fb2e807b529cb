package io.tern.client.support;

import io.tern.client.Message;
import io.tern.client.MqttClient;
import io.tern.codec.QoS;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Subscriptions whose messages a test reads from a queue. */
public final class Inbox {
    private Inbox() {
    }

    /** Subscribes {@code client} to {@code filter} at QoS 1 and returns the queue its messages go to. */
    public static BlockingQueue<Message> of(MqttClient client, String filter) throws Exception {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        client.subscribe(filter, QoS.AT_LEAST_ONCE, received::add).get(20, TimeUnit.SECONDS);
        return received;
    }
}
