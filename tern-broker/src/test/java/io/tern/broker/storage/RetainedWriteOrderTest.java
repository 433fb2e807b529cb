package io.tern.broker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tern.broker.retained.RetainedStore;
import io.tern.broker.routing.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retains of one topic from several threads at the same instant, as from publishers on different
 * event loops: the message left in memory, which new subscribers get, is the one left on disk, which
 * the next start reads.
 */
class RetainedWriteOrderTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 1000;

    @TempDir
    Path directory;

    @Test
    void simultaneousRetainsOfATopicLeaveTheSameMessageInMemoryAndOnDisk() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (RocksDbStorage storage = new RocksDbStorage(directory, SyncPolicy.none())) {
            RetainedStore retained = storage.retained();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            for (int round = 0; round < ROUNDS; round++) {
                List<Future<?>> retains = new ArrayList<>();
                for (int thread = 0; thread < THREADS; thread++) {
                    String payload = round + "/" + thread;
                    retains.add(threads.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        Message message = new Message("t", QoS.AT_LEAST_ONCE, true,
                                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8), MqttProperties.EMPTY, "p");
                        retained.retain(message);
                        message.release();
                        return null;
                    }));
                }
                for (Future<?> retain : retains) {
                    retain.get(30, TimeUnit.SECONDS);
                }
                assertThat(onDisk(storage)).as("round %d", round).isEqualTo(inMemory(retained));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String inMemory(RetainedStore retained) {
        AtomicReference<String> payload = new AtomicReference<>();
        retained.match("t", message -> payload.set(message.payload().toString(StandardCharsets.UTF_8)));
        return payload.get();
    }

    private static String onDisk(RocksDbStorage storage) {
        Message message = MessageCodec.read(Unpooled.wrappedBuffer(storage.get(RocksDbRetainedStore.key("t"))),
                System.currentTimeMillis());
        try {
            return message.payload().toString(StandardCharsets.UTF_8);
        } finally {
            message.release();
        }
    }
}
