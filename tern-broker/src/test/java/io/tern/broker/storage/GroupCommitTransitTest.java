package io.tern.broker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.tern.broker.support.GatedStorage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A group commit waits for the deliveries that follow a session to yet another event loop (its client
 * reconnected there while a message was on its way to it), however many hops they take: the test holds
 * such a hop back, as a loop that has not yet run it, and lets it go when it chooses.
 */
class GroupCommitTransitTest {
    /** Long enough for a commit that does not wait to sync and call back, many times over. */
    private static final long NOT_BEFORE_MILLIS = 500;

    private final GatedStorage storage = new GatedStorage(SyncPolicy.always());
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private final DeliveriesInTransit transit = new DeliveriesInTransit();
    private final GroupCommit commit = new GroupCommit(storage, loops, transit);
    /** Whether the delivery in transit reached its session, which writes it to its stored queue. */
    private final AtomicBoolean written = new AtomicBoolean();
    private final AtomicBoolean writtenAtAcknowledgement = new AtomicBoolean();

    GroupCommitTransitTest() {
        storage.allowAllSyncs();
    }

    @AfterEach
    void stop() {
        commit.close();
        storage.close();
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    @DisplayName("[MQTT-4.3.2-4] no sync, and so no PUBACK, while a delivery asked for before is still following "
            + "its moving session")
    void syncWaitsForADeliveryInTransit() throws InterruptedException {
        EventLoop sessionLoop = loops.next();
        long epoch = transit.departing(); // the session moved: the delivery is to hop to its new loop
        CountDownLatch acknowledged = askToBeAcknowledged(loops.next());

        assertThat(acknowledged.await(NOT_BEFORE_MILLIS, TimeUnit.MILLISECONDS))
                .as("acknowledged while the delivery was in transit").isFalse();
        assertThat(storage.syncsStarted()).isZero();
        sessionLoop.execute(() -> { // the hop runs: the message goes into the session's stored queue
            written.set(true);
            transit.arrived(epoch);
        });

        assertThat(acknowledged.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writtenAtAcknowledgement).as("the sync covered the delivered message").isTrue();
    }

    @Test
    @DisplayName("[MQTT-4.3.2-4] a delivery whose session moves once more stays counted in its epoch until its "
            + "last hop")
    void syncWaitsForEveryHopOfADelivery() throws InterruptedException {
        EventLoop loop = loops.next();
        long epoch = transit.departing();
        CountDownLatch acknowledged = askToBeAcknowledged(loop);
        CountDownLatch firstHop = new CountDownLatch(1);
        loop.execute(() -> { // the first hop finds the session gone again
            transit.departingAgain(epoch);
            transit.arrived(epoch);
            firstHop.countDown();
        });

        assertThat(firstHop.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged.await(NOT_BEFORE_MILLIS, TimeUnit.MILLISECONDS)).isFalse();
        loop.execute(() -> { // the last hop
            written.set(true);
            transit.arrived(epoch);
        });
        assertThat(acknowledged.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writtenAtAcknowledgement).isTrue();
    }

    /**
     * Asks on {@code loop} to be told once what was written is durable, as a connection does before it
     * acknowledges; notes then whether the delivery was {@link #written}.
     */
    private CountDownLatch askToBeAcknowledged(EventLoop loop) {
        CountDownLatch acknowledged = new CountDownLatch(1);
        loop.execute(() -> commit.whenDurable(loop, stored -> {
            writtenAtAcknowledgement.set(stored && written.get());
            acknowledged.countDown();
        }));
        return acknowledged;
    }

    @Test
    @DisplayName("deliveries that start after a commit's rounds count in the next epoch: they hold back the next "
            + "commit, not this one")
    void laterDeliveriesCountInTheNextEpoch() {
        long first = transit.departing();
        long ended = transit.nextEpoch();
        long later = transit.departing();

        assertThat(ended).isEqualTo(first);
        assertThat(later).isNotEqualTo(ended);
        assertThat(transit.pending(ended)).isTrue();
        transit.arrived(first);
        assertThat(transit.pending(ended)).as("the later delivery does not hold back the ended epoch").isFalse();
        assertThat(transit.pending(transit.nextEpoch())).isTrue();
        transit.arrived(later);
        assertThat(transit.pending(later)).isFalse();
    }
}
