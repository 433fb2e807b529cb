package io.tern.broker.transport;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes the connections of one event loop once per batch of work instead of once per packet: a
 * connection written to asks for a flush, and a single task flushes every such connection after the
 * loop has finished what it is doing (the reads of this round, or a task of deliveries).
 */
final class FlushBatcher {
    private static final FastThreadLocal<FlushBatcher> CURRENT = new FastThreadLocal<>() {
        @Override
        protected FlushBatcher initialValue() {
            return new FlushBatcher();
        }
    };

    private final List<MqttConnection> pending = new ArrayList<>();
    private final Runnable flushAll = this::flushAll;
    private boolean scheduled;

    private FlushBatcher() {
    }

    /** Flushes {@code connection} at the end of the current batch. Call on its event loop. */
    static void flushLater(MqttConnection connection, EventLoop loop) {
        FlushBatcher batcher = CURRENT.get();
        batcher.pending.add(connection);
        if (!batcher.scheduled) {
            batcher.scheduled = true;
            loop.execute(batcher.flushAll);
        }
    }

    private void flushAll() {
        scheduled = false;
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).flushNow();
        }
        pending.clear();
    }
}
