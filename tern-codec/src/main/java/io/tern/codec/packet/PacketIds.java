package io.tern.codec.packet;

/** Checks of packet identifiers shared by the packet records. */
final class PacketIds {
    static final int MAX = 0xFFFF;

    private PacketIds() {
    }

    /** Requires a packet identifier between 1 and 65,535. */
    static int requireValid(int packetId) {
        if (packetId < 1 || packetId > MAX) {
            throw new IllegalArgumentException("packet identifier must be between 1 and 65535, not " + packetId);
        }
        return packetId;
    }
}
