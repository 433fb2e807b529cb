package io.tern.client.internal;

/**
 * Hands out packet identifiers 1 to 65,535, never one that is still in use [MQTT-2.2.1-3], round-robin
 * so that an identifier just freed is reused as late as possible. Used on the event loop only.
 */
final class PacketIdAllocator {
    private static final int MAX = 0xFFFF;

    private final boolean[] used = new boolean[MAX + 1];
    private int inUse;
    private int last;

    /** A free identifier, now in use, or 0 if all 65,535 are in use. */
    int allocate() {
        if (inUse == MAX) {
            return 0;
        }
        int id = last;
        do {
            id = id == MAX ? 1 : id + 1;
        } while (used[id]);
        used[id] = true;
        inUse++;
        last = id;
        return id;
    }

    /** Marks an identifier in use, as one recovered from persistence. */
    void reserve(int id) {
        if (!used[id]) {
            used[id] = true;
            inUse++;
        }
    }

    /** Frees an identifier. */
    void free(int id) {
        if (used[id]) {
            used[id] = false;
            inUse--;
        }
    }
}
