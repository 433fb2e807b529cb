package io.tern.broker.storage;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the deliveries that follow a session to another event loop once more, because the session
 * moved (its client reconnected on another loop) after the message was handed to it, so that a
 * {@link GroupCommit} waits for them before it syncs.
 *
 * <p>A delivery reaches its session in at most two tasks when the session stays put (the routing
 * loop's handover, then the session loop's batch), and the commit's two rounds over the loops cover
 * those. A session that moves adds a hop per move, and nothing bounds how many; so each such hop is
 * counted, in the epoch it started in, until the task that makes it has run. A commit starts a new
 * epoch after its rounds and waits until the deliveries of the epoch before are through: any hop of a
 * delivery it must cover started before its rounds ended, so in that epoch or an earlier one, which
 * the commit before it waited for. A delivery keeps the epoch of its first hop however often its
 * session moves, so that a chain of hops cannot escape into a later epoch, and new hops, counted in
 * the new epoch, never hold back the commit in progress.
 *
 * <p>Only the moving hops, rare, touch the counters: the path of a delivery to a session that stays
 * put takes no atomic operation.
 */
public final class DeliveriesInTransit {
    private final AtomicInteger[] inTransit = {new AtomicInteger(), new AtomicInteger()};
    private volatile long epoch;

    /** Counts a delivery that starts to follow its session; returns its epoch, for {@link #arrived}. */
    public long departing() {
        while (true) {
            long current = epoch;
            AtomicInteger counter = counter(current);
            counter.incrementAndGet();
            if (epoch == current) { // counted before the epoch ended: the commit ending it sees the count
                return current;
            }
            counter.decrementAndGet();
        }
    }

    /**
     * Counts one more hop of a delivery of {@code deliveryEpoch} whose session moved again; call before
     * {@link #arrived} for the hop that found it gone, so that the count never drops to zero between.
     */
    public void departingAgain(long deliveryEpoch) {
        counter(deliveryEpoch).incrementAndGet();
    }

    /** The hop of a delivery of {@code deliveryEpoch} ran: delivered, dropped or counted again. */
    public void arrived(long deliveryEpoch) {
        counter(deliveryEpoch).decrementAndGet();
    }

    /** Ends the current epoch; returns it. For the one committer thread. */
    long nextEpoch() {
        long ended = epoch;
        epoch = ended + 1;
        return ended;
    }

    /** Whether deliveries of {@code ended}, an epoch just ended, are still on their way. */
    boolean pending(long ended) {
        return counter(ended).get() > 0;
    }

    private AtomicInteger counter(long of) {
        return inTransit[(int) (of & 1)];
    }
}
