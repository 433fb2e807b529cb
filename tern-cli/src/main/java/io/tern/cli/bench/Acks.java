package io.tern.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The successful PUBACK, PUBREC, PUBREL and PUBCOMP a bench client answers with, written as their
 * four bytes (MQTT 5 lets a success without properties leave out the reason code): the hot path
 * then allocates one small pooled buffer per acknowledgement, and neither a record nor a promise.
 */
final class Acks {
    private static final int PUBACK = 0x40;
    private static final int PUBREC = 0x50;
    private static final int PUBREL = 0x62;
    private static final int PUBCOMP = 0x70;

    private Acks() {
    }

    static void puback(Channel channel, int packetId) {
        write(channel, PUBACK, packetId);
    }

    static void pubrec(Channel channel, int packetId) {
        write(channel, PUBREC, packetId);
    }

    static void pubrel(Channel channel, int packetId) {
        write(channel, PUBREL, packetId);
    }

    static void pubcomp(Channel channel, int packetId) {
        write(channel, PUBCOMP, packetId);
    }

    /** Writes without flushing: the handlers flush once per read batch. */
    private static void write(Channel channel, int firstByte, int packetId) {
        ByteBuf out = channel.alloc().ioBuffer(4);
        out.writeByte(firstByte).writeByte(2).writeShort(packetId);
        channel.write(out, channel.voidPromise());
    }
}
