package io.tern.broker.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * When a durable store syncs its writes to disk, and so when a QoS 1 or 2 PUBLISH is acknowledged.
 *
 * <ul>
 *   <li>{@link Mode#ALWAYS}: every acknowledgement waits for a sync (fsync) of what it acknowledges;
 *       acknowledgements that wait at the same time share one sync. Nothing acknowledged is lost, even
 *       to a power cut.</li>
 *   <li>{@link Mode#BATCH}: the same, but the sync waits {@code window} after the first write that
 *       needs it, so that more writes share it: fewer syncs under moderate load, acknowledgements
 *       later by up to the window. Nothing acknowledged is lost either.</li>
 *   <li>{@link Mode#NONE}: acknowledged at once, each write handed to the operating system, which
 *       writes it to disk when it chooses. A killed broker loses nothing; a crash of the operating
 *       system or a power cut loses what it had not written yet (typically the last few seconds).</li>
 * </ul>
 *
 * @param mode   when to sync
 * @param window how long a batch gathers writes before its sync; zero unless {@link Mode#BATCH}
 */
public record SyncPolicy(Mode mode, Duration window) {
    /** When a durable store syncs. */
    public enum Mode { ALWAYS, BATCH, NONE }

    /** Checks that only a batch has a window, and that it is positive. */
    public SyncPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(window, "window");
        if (mode == Mode.BATCH ? window.isNegative() || window.isZero() : !window.isZero()) {
            throw new IllegalArgumentException("a sync window must be more than 0 and only for batch, not "
                    + mode + " " + window);
        }
    }

    /** A sync before every acknowledgement, shared by those that wait at the same time. */
    public static SyncPolicy always() {
        return new SyncPolicy(Mode.ALWAYS, Duration.ZERO);
    }

    /** A sync once per {@code window}, before the acknowledgements of the writes it covers. */
    public static SyncPolicy batch(Duration window) {
        return new SyncPolicy(Mode.BATCH, window);
    }

    /** No sync: acknowledged at once, written to disk when the operating system chooses. */
    public static SyncPolicy none() {
        return new SyncPolicy(Mode.NONE, Duration.ZERO);
    }

    /** {@code always}, {@code batch 5ms}, {@code none}: as the configuration file writes it. */
    @Override
    public String toString() {
        return mode == Mode.BATCH ? "batch " + window.toMillis() + "ms" : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
