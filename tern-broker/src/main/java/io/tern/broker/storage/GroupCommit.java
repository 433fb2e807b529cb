package io.tern.broker.storage;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread syncs the {@link Storage} for every acknowledgement waiting at the time,
 * so that many connections share one fsync, and hands the acknowledgements back to their event loops.
 *
 * <p>The event loops never block: a waiter goes into a lock-free multi-producer queue, and the
 * committer thread wakes when the queue was empty. A round of the committer:
 * <ol>
 *   <li>in {@link SyncPolicy.Mode#BATCH}, waits the window so that more waiters join;</li>
 *   <li>takes every waiter queued;</li>
 *   <li>runs an empty task on every event loop, twice: the first pass finishes the tasks that the
 *       waiters' loops had queued before asking (deliveries handed to sessions on other loops, see
 *       {@code LoopHandoff}), the second the deliveries those tasks handed over, which write the
 *       message into the sessions' stored queues;</li>
 *   <li>then more rounds while deliveries that followed their sessions to yet another loop, because a
 *       client reconnected there meanwhile, are on their way ({@link DeliveriesInTransit});</li>
 *   <li>syncs the storage, which covers every write made before it;</li>
 *   <li>calls the waiters back, in one task per event loop, in the order they asked.</li>
 * </ol>
 */
public final class GroupCommit implements DurabilityGate, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** Rounds of empty tasks over the event loops before a sync; see the class comment. */
    private static final int BARRIER_ROUNDS = 2;

    private final Storage storage;
    private final EventLoopGroup loops;
    private final DeliveriesInTransit transit;
    private final long windowNanos;
    private final Queue<Pending> waiting = PlatformDependent.newMpscQueue();
    private final Thread committer;
    private volatile boolean parked;
    private volatile boolean running = true;

    /**
     * Starts the committer thread of {@code storage}, whose writes come from {@code loops}, where
     * {@code transit} counts the deliveries that follow their sessions from loop to loop.
     */
    public GroupCommit(Storage storage, EventLoopGroup loops, DeliveriesInTransit transit) {
        if (storage.syncPolicy().mode() == SyncPolicy.Mode.NONE) {
            throw new IllegalArgumentException("sync none needs no group commit: acknowledge at once");
        }
        this.storage = storage;
        this.loops = loops;
        this.transit = transit;
        this.windowNanos = storage.syncPolicy().window().toNanos();
        this.committer = new Thread(this::run, "tern-group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    @Override
    public boolean immediate() {
        return false;
    }

    @Override
    public void whenDurable(EventLoop loop, Waiter waiter) {
        waiting.offer(new Pending(loop, waiter));
        if (parked) {
            LockSupport.unpark(committer);
        }
    }

    @Override
    public StorageFailure failure() {
        return storage.failure();
    }

    /** Stops the committer after a last round for the waiters already queued. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(committer);
        try {
            committer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> round = new ArrayList<>();
        while (running || !waiting.isEmpty()) {
            if (waiting.isEmpty()) {
                parked = true;
                if (waiting.isEmpty() && running) {
                    LockSupport.park(this);
                }
                parked = false;
                continue;
            }
            if (windowNanos > 0) {
                long end = System.nanoTime() + windowNanos;
                for (long left = windowNanos; left > 0 && running; left = end - System.nanoTime()) {
                    LockSupport.parkNanos(this, left);
                }
            }
            for (Pending pending = waiting.poll(); pending != null; pending = waiting.poll()) {
                round.add(pending);
            }
            boolean stored = awaitLoops() && sync();
            complete(round, stored);
            round.clear();
        }
    }

    /**
     * Whether every event loop ran the tasks queued before, twice over, and then the deliveries still
     * following their sessions arrived; false if the loops shut down.
     */
    private boolean awaitLoops() {
        for (int pass = 0; pass < BARRIER_ROUNDS; pass++) {
            if (!roundOverLoops()) {
                return false;
            }
        }
        long ended = transit.nextEpoch();
        while (transit.pending(ended)) {
            if (!roundOverLoops()) {
                return false;
            }
        }
        return true;
    }

    /** Whether every event loop ran the tasks queued before; false if they shut down. */
    private boolean roundOverLoops() {
        List<EventExecutor> executors = new ArrayList<>();
        loops.forEach(executors::add);
        CountDownLatch done = new CountDownLatch(executors.size());
        for (EventExecutor executor : executors) {
            try {
                executor.execute(done::countDown);
            } catch (RejectedExecutionException e) {
                return false; // shutting down: nobody is left to acknowledge
            }
        }
        try {
            while (!done.await(1, TimeUnit.SECONDS)) {
                if (loops.isShuttingDown()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private boolean sync() {
        try {
            storage.sync();
            return true;
        } catch (StorageFailure e) {
            return false; // logged by the storage, once
        } catch (RuntimeException e) {
            LOG.error("Sync of the storage failed", e);
            return false;
        }
    }

    /** Calls the waiters back: one task per event loop, each calling its waiters in their order. */
    private static void complete(List<Pending> round, boolean stored) {
        Map<EventLoop, List<Pending>> byLoop = new IdentityHashMap<>();
        for (Pending pending : round) {
            byLoop.computeIfAbsent(pending.loop, loop -> new ArrayList<>()).add(pending);
        }
        byLoop.forEach((loop, pendings) -> {
            try {
                loop.execute(() -> pendings.forEach(pending -> pending.waiter.done(stored)));
            } catch (RejectedExecutionException e) {
                // the loop shut down, and its connections with it: nobody to acknowledge
            }
        });
    }

    private record Pending(EventLoop loop, Waiter waiter) {
    }
}
