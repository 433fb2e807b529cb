package io.tern.broker.storage;

import io.netty.channel.EventLoop;
import java.util.function.Supplier;

/**
 * Holds acknowledgements back until what they acknowledge is durable: a connection that has
 * written a message to the stores asks to be told, on its own event loop, once those writes have
 * been synced, and only then acknowledges it.
 */
public interface DurabilityGate {
    /** Acknowledges at once: the stores keep nothing beyond the process. */
    DurabilityGate IMMEDIATE = immediate(() -> null);

    /**
     * Acknowledges at once, as for a storage that syncs nothing ({@link SyncPolicy#none()}), unless
     * {@code failure} tells that the storage keeps nothing new.
     */
    static DurabilityGate immediate(Supplier<StorageFailure> failure) {
        return new DurabilityGate() {
            @Override
            public boolean immediate() {
                return true;
            }

            @Override
            public void whenDurable(EventLoop loop, Waiter waiter) {
                waiter.done(failure.get() == null);
            }

            @Override
            public StorageFailure failure() {
                return failure.get();
            }
        };
    }

    /** Whether {@link #whenDurable} calls back at once, so that a caller may skip it and save a lambda. */
    boolean immediate();

    /**
     * Calls {@code waiter} on {@code loop} once every write that the calling event loop has made so
     * far, and every write those writes caused on other loops (deliveries to sessions there), is
     * durable; or once that has failed. Call on {@code loop}. Waiters of one loop are called in the
     * order they asked.
     */
    void whenDurable(EventLoop loop, Waiter waiter);

    /** Why the stores keep nothing new any more, or {@code null} while they do. Safe from any thread. */
    StorageFailure failure();

    /** What waits for durability. */
    @FunctionalInterface
    interface Waiter {
        /** Called on the waiter's event loop; {@code stored} is false if the writes could not be synced. */
        void done(boolean stored);
    }
}
