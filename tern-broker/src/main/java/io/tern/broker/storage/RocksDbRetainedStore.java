package io.tern.broker.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tern.broker.retained.MemoryRetainedStore;
import io.tern.broker.retained.RetainedStore;
import io.tern.broker.routing.Message;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * Retained messages kept in a {@link RocksDbStorage} and, for matching, in memory: read once at
 * start, then every change written through. Keys are {@code 0x05} and the topic in UTF-8; values
 * the message as {@link MessageCodec} writes it.
 */
final class RocksDbRetainedStore implements RetainedStore {
    private static final byte KIND_RETAINED = 0x05;

    private final RocksDbStorage storage;
    private final MemoryRetainedStore memory;
    /** Locks striped by topic; a power of two in number. */
    private final Object[] topicOrder = new Object[64];

    private RocksDbRetainedStore(RocksDbStorage storage, MemoryRetainedStore memory) {
        this.storage = storage;
        this.memory = memory;
        for (int i = 0; i < topicOrder.length; i++) {
            topicOrder[i] = new Object();
        }
    }

    /** The retained messages of {@code storage}, read into {@code memory}; expired ones are deleted. */
    static RocksDbRetainedStore load(RocksDbStorage storage, MemoryRetainedStore memory) {
        long now = System.currentTimeMillis();
        try (ReadOptions reads = storage.recoveryReads(); RocksIterator iterator = storage.iterator(reads)) {
            for (iterator.seek(new byte[] {KIND_RETAINED}); iterator.isValid() && iterator.key()[0] == KIND_RETAINED;
                 iterator.next()) {
                Message message;
                try {
                    message = MessageCodec.read(Unpooled.wrappedBuffer(iterator.value()), now);
                } catch (RuntimeException e) {
                    throw storage.unreadable(iterator.key(), e);
                }
                try {
                    if (message.isExpired()) {
                        storage.delete(iterator.key());
                    } else {
                        memory.retain(message);
                    }
                } finally {
                    message.release();
                }
            }
        }
        return new RocksDbRetainedStore(storage, memory);
    }

    /**
     * Retains {@code message} in memory and on disk in the same order as other retains of its topic, so
     * that two of them at once, from different event loops, leave the same one in both.
     */
    @Override
    public void retain(Message message) {
        byte[] key = key(message.topic());
        byte[] value = message.payload().isReadable() ? value(message) : null;
        synchronized (orderOf(key)) {
            memory.retain(message);
            if (value == null) {
                storage.delete(key);
            } else {
                storage.put(key, value);
            }
        }
    }

    @Override
    public void match(String topicFilter, Consumer<Message> consumer) {
        memory.match(topicFilter, consumer);
    }

    @Override
    public int size() {
        return memory.size();
    }

    /** Releases the messages in memory; RocksDB keeps them. */
    @Override
    public void close() {
        memory.close();
    }

    /** The lock that orders the retains of the topic of {@code key}: one of a few, shared by many topics. */
    private Object orderOf(byte[] key) {
        return topicOrder[Arrays.hashCode(key) & (topicOrder.length - 1)];
    }

    private static byte[] value(Message message) {
        ByteBuf value = Unpooled.buffer(64 + message.payload().readableBytes());
        MessageCodec.write(value, message);
        byte[] bytes = new byte[value.readableBytes()];
        value.readBytes(bytes);
        return bytes;
    }

    /** The key of the retained message of {@code topic}. */
    static byte[] key(String topic) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[1 + name.length];
        key[0] = KIND_RETAINED;
        System.arraycopy(name, 0, key, 1, name.length);
        return key;
    }
}
