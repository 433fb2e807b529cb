package io.tern.broker.storage;

import io.netty.buffer.Unpooled;
import io.tern.broker.BrokerConfig;
import io.tern.broker.TernBroker;
import io.tern.broker.routing.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long a broker takes to start on a data directory holding many queued messages: not a
 * test (it times things), a tool. Fills a fresh directory with SESSIONS persistent sessions of
 * MESSAGES queued QoS 1 messages each (PAYLOAD bytes), closes it, then times opening it and starting
 * a broker on it, which restores every session and message.
 *
 * <pre>
 * java -Xmx2g -cp ... io.tern.broker.storage.RecoveryTiming [DIR] [SESSIONS] [MESSAGES] [PAYLOAD]
 * </pre>
 */
public final class RecoveryTiming {
    private RecoveryTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("tern-recovery");
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int payload = args.length > 3 ? Integer.parseInt(args[3]) : 100;

        long fillStart = System.nanoTime();
        try (RocksDbStorage storage = new RocksDbStorage(directory, SyncPolicy.none())) {
            SessionStore store = storage.sessions();
            byte[] bytes = new byte[payload];
            int[] noIdentifiers = new int[0];
            for (int s = 0; s < sessions; s++) {
                String clientId = "client-" + s;
                store.saveSession(clientId, BrokerConfig.NEVER_EXPIRE, System.currentTimeMillis());
                store.saveSubscription(clientId, new Subscription("t/" + s, QoS.AT_LEAST_ONCE), 0);
                for (int m = 1; m <= messages; m++) {
                    Message message = new Message("t/" + s, QoS.AT_LEAST_ONCE, false, Unpooled.wrappedBuffer(bytes),
                            MqttProperties.EMPTY, "publisher");
                    store.addMessage(clientId, m, message, QoS.AT_LEAST_ONCE, false, noIdentifiers, null);
                    message.release();
                }
            }
        }
        System.out.printf("filled %s with %d sessions x %d messages of %d bytes in %d ms%n", directory, sessions,
                messages, payload, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fillStart));

        long openStart = System.nanoTime();
        RocksDbStorage storage = new RocksDbStorage(directory, SyncPolicy.always());
        long opened = System.nanoTime();
        BrokerConfig config = BrokerConfig.builder().maxQueuedMessages(Math.max(1, messages)).build();
        try (TernBroker broker = TernBroker.builder().listen("127.0.0.1", 0).config(config).storage(storage).build()) {
            broker.start();
            long started = System.nanoTime();
            System.out.printf("opened in %d ms; broker started with %d sessions (%d messages) in %d ms; total %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(opened - openStart), broker.sessions().size(),
                    (long) sessions * messages, TimeUnit.NANOSECONDS.toMillis(started - opened),
                    TimeUnit.NANOSECONDS.toMillis(started - openStart));
        }
    }
}
