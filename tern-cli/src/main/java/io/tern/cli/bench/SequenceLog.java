package io.tern.cli.bench;

import java.util.BitSet;

/** The sequence numbers one subscriber received from one publisher, to count losses and duplicates. */
final class SequenceLog {
    private final BitSet seen;

    /** A log sized for {@code expected} messages (it grows beyond). */
    SequenceLog(int expected) {
        seen = new BitSet(Math.max(64, expected));
    }

    /** Records {@code sequence} (duplicates are counted from the totals: deliveries minus distinct messages). */
    void add(long sequence) {
        seen.set((int) Math.min(sequence, Integer.MAX_VALUE - 1));
    }

    /** Adds the sequence numbers of this log to {@code union}. */
    void addTo(BitSet union) {
        union.or(seen);
    }
}
