package io.tern.codec;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import io.tern.codec.packet.MqttPacket;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Helpers shared by the codec property tests: encoding to bytes, channels, releasing, leak detection. */
final class EncodedPackets {
    /**
     * The allocator of the tests, leak-tracked (every buffer at PARANOID level) and unpooled, so that a released
     * buffer is never recycled and {@code refCnt() == 0} reliably tells that all its references were released.
     */
    static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(true, false);

    /** Leak reports of Netty's buffer leak detector, with the records of where the buffer was created and used. */
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    /** The leak detection level before {@link #paranoidLeakDetection()}. */
    private static ResourceLeakDetector.Level savedLevel;

    static {
        try {
            // the detector of every ByteBuf; it offers a listener but no public way to reach it
            Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
            field.setAccessible(true);
            ((ResourceLeakDetector<?>) field.get(null)).setLeakListener((type, records) -> LEAKS.add(records));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EncodedPackets() {
    }

    /**
     * Turns Netty's leak detection to PARANOID, so every buffer allocated afterwards is tracked, until
     * {@link #restoreLeakDetection()}: the level is global, and other tests in the same JVM need not pay for it.
     */
    static void paranoidLeakDetection() {
        savedLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    /** Puts back the leak detection level of before {@link #paranoidLeakDetection()}. */
    static void restoreLeakDetection() {
        if (savedLevel != null) {
            ResourceLeakDetector.setLevel(savedLevel);
            savedLevel = null;
        }
    }

    /**
     * Lets the garbage collector find unreachable buffers that were never released, and returns (and forgets) the
     * leaks reported for buffers whose records mention {@code marker}, such as a test class name. Netty reports a
     * leak when it tracks a new buffer after the collector has cleared a lost one, so each round collects and then
     * allocates. Stops early once such a leak is reported.
     */
    static List<String> drainLeaks(String marker, int rounds) {
        for (int round = 0; round < rounds && LEAKS.stream().noneMatch(r -> r.contains(marker)); round++) {
            System.gc();
            ALLOC.directBuffer(1).release();
        }
        List<String> found = new ArrayList<>();
        for (String records : LEAKS) {
            if (records.contains(marker)) {
                found.add(records);
                LEAKS.remove(records);
            }
        }
        return found;
    }

    /** The leaks of buffers created or touched by the code of the given test class. */
    static List<String> leaksOf(Class<?> testClass) {
        return drainLeaks(testClass.getName(), 5);
    }

    /** An embedded channel with these handlers that allocates from {@link #ALLOC}. */
    static EmbeddedChannel channel(ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(ALLOC);
        channel.pipeline().addLast(handlers);
        return channel;
    }

    /** The bytes of the packet encoded with {@link MqttPacketEncoder#encode}. */
    static byte[] bytes(MqttPacket packet, MqttVersion version) {
        ByteBuf encoded = MqttPacketEncoder.encode(ALLOC, packet, version);
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
        }
    }

    /** The bytes of the packets encoded one after the other. */
    static byte[] bytes(List<MqttPacket> packets, MqttVersion version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MqttPacket packet : packets) {
            out.writeBytes(bytes(packet, version));
        }
        return out.toByteArray();
    }

    /**
     * Decodes the bytes from a buffer of their own, which is released here: a decoded PUBLISH keeps it alive by
     * its payload until the caller releases the packet.
     */
    static MqttPacket decode(MqttPacketDecoder decoder, byte[] bytes) {
        ByteBuf buffer = ALLOC.buffer(bytes.length).writeBytes(bytes);
        try {
            return decoder.decode(buffer);
        } finally {
            buffer.release();
        }
    }

    /** The readable bytes of the buffers one after the other, without consuming them. */
    static byte[] concat(List<ByteBuf> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buffer : buffers) {
            out.writeBytes(ByteBufUtil.getBytes(buffer));
        }
        return out.toByteArray();
    }

    /** The length of the fixed header of an encoding: the type byte and the remaining length. */
    static int fixedHeaderLength(byte[] encoding) {
        int length = 1;
        while ((encoding[length] & 0x80) != 0) {
            length++;
        }
        return length + 1;
    }

    /** Retains a packet if it holds a buffer (a PUBLISH). */
    static void retain(Object packet) {
        ReferenceCountUtil.retain(packet);
    }

    /** Releases a packet if it holds a buffer (a PUBLISH); {@code null} is ignored. */
    static void release(Object packet) {
        ReferenceCountUtil.release(packet);
    }

    /** Releases every packet that holds a buffer. */
    static void releaseAll(Iterable<?> packets) {
        for (Object packet : packets) {
            ReferenceCountUtil.release(packet);
        }
    }
}
