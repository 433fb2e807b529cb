package io.tern.broker.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tern.broker.routing.Message;
import io.tern.codec.QoS;
import io.tern.codec.packet.RetainHandling;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Sessions kept in a {@link RocksDbStorage}, so that they survive the process.
 *
 * <p>Every key starts with one byte naming its kind, so that {@link #load()} reads each kind in
 * one ordered pass, then the client identifier as a 4-byte big-endian length and its UTF-8 bytes,
 * so that no client identifier is a key prefix of another's:
 * <ul>
 *   <li>{@code 0x01 client} → session expiry seconds, disconnected-at epoch milliseconds (8 bytes each)</li>
 *   <li>{@code 0x02 client filter} → QoS, options, retain handling, subscription identifier</li>
 *   <li>{@code 0x03 client sequence} (big-endian, sign bit flipped so that order is numeric) →
 *       delivery flags, QoS, packet identifier, and unless PUBREC came: the shared subscription it is
 *       delivered for if the flags say so (since format 3), the subscription identifiers and the
 *       message: its QoS, RETAIN, expiry instant, topic, publisher, properties and payload</li>
 *   <li>{@code 0x04 client packetId} → nothing: an inbound QoS 2 packet identifier awaiting PUBREL</li>
 *   <li>{@code 0x06 client} → a will waiting for its delay: the user name, when it is due, the message</li>
 * </ul>
 * ({@code 0x05} is {@link RocksDbRetainedStore}'s.)
 *
 * <p>Records of a client whose session is not stored are ignored, as {@link MemorySessionStore}
 * ignores them. Messages are copied into the store; it holds no references to them.
 */
public final class RocksDbSessionStore implements SessionStore {
    private static final byte KIND_SESSION = 0x01;
    private static final byte KIND_SUBSCRIPTION = 0x02;
    private static final byte KIND_MESSAGE = 0x03;
    private static final byte KIND_INBOUND_QOS2 = 0x04;
    /** The first kind after those read in the first pass of {@link #load()}. */
    private static final byte KIND_AFTER_SESSIONS = 0x05;
    private static final byte KIND_WILL = 0x06;

    private static final int FLAG_RETAIN = 1;
    private static final int FLAG_RECEIVED = 2;
    private static final int FLAG_SHARED = 4;
    private static final int OPTION_NO_LOCAL = 1;
    private static final int OPTION_RETAIN_AS_PUBLISHED = 2;

    private static final int[] NO_IDENTIFIERS = new int[0];

    private final RocksDbStorage storage;
    /** The client identifiers with a stored session, so that writes for others are ignored without a read. */
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    RocksDbSessionStore(RocksDbStorage storage) {
        this.storage = storage;
        try (ReadOptions reads = storage.recoveryReads(); RocksIterator iterator = storage.iterator(reads)) {
            for (iterator.seek(new byte[] {KIND_SESSION}); iterator.isValid() && iterator.key()[0] == KIND_SESSION;
                 iterator.next()) {
                sessions.add(clientId(iterator.key()));
            }
        }
    }

    @Override
    public List<StoredSession> load() {
        Map<String, SessionBuilder> builders = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        try (ReadOptions reads = storage.recoveryReads(); RocksIterator iterator = storage.iterator(reads)) {
            for (iterator.seek(new byte[] {KIND_SESSION}); iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                if (key[0] >= KIND_AFTER_SESSIONS) {
                    break;
                }
                try {
                    read(key, iterator.value(), builders, now);
                } catch (RuntimeException e) {
                    throw storage.unreadable(key, e);
                }
            }
        }
        try (ReadOptions reads = storage.recoveryReads(); RocksIterator iterator = storage.iterator(reads)) {
            for (iterator.seek(new byte[] {KIND_WILL}); iterator.isValid() && iterator.key()[0] == KIND_WILL;
                 iterator.next()) {
                SessionBuilder builder = builders.get(clientId(iterator.key()));
                if (builder != null) {
                    try {
                        ByteBuf value = Unpooled.wrappedBuffer(iterator.value());
                        String username = MessageCodec.readString(value);
                        long publishAtMillis = value.readLong();
                        builder.will = new StoredWill(MessageCodec.read(value, now), username, publishAtMillis);
                    } catch (RuntimeException e) {
                        throw storage.unreadable(iterator.key(), e);
                    }
                }
            }
        }
        List<StoredSession> result = new ArrayList<>(builders.size());
        builders.forEach((clientId, builder) -> result.add(new StoredSession(clientId, builder.expirySeconds,
                builder.disconnectedAtMillis, builder.subscriptions, builder.messages, builder.inboundQos2,
                builder.will)));
        return result;
    }

    /** Adds the record of a session, its subscription, message or inbound QoS 2 identifier to {@code builders}. */
    private static void read(byte[] key, byte[] stored, Map<String, SessionBuilder> builders, long now) {
        String clientId = clientId(key);
        int suffix = 5 + Unpooled.wrappedBuffer(key, 1, 4).readInt();
        ByteBuf value = Unpooled.wrappedBuffer(stored);
        if (key[0] == KIND_SESSION) {
            builders.put(clientId, new SessionBuilder(value.readLong(), value.readLong()));
            return;
        }
        SessionBuilder builder = builders.get(clientId);
        if (builder == null) {
            return;
        }
        switch (key[0]) {
            case KIND_SUBSCRIPTION -> builder.subscriptions.add(readSubscription(
                    new String(key, suffix, key.length - suffix, StandardCharsets.UTF_8), value));
            case KIND_MESSAGE -> builder.messages.add(readMessage(
                    Unpooled.wrappedBuffer(key, suffix, 8).readLong() ^ Long.MIN_VALUE, value, now));
            case KIND_INBOUND_QOS2 -> builder.inboundQos2.add(
                    (int) Unpooled.wrappedBuffer(key, suffix, 2).readUnsignedShort());
            default -> throw new IllegalArgumentException("unknown kind of record " + key[0]);
        }
    }

    @Override
    public void saveSession(String clientId, long expirySeconds, long disconnectedAtMillis) {
        ByteBuf value = Unpooled.buffer(16);
        value.writeLong(expirySeconds).writeLong(disconnectedAtMillis);
        storage.put(clientKey(KIND_SESSION, clientId, 0), bytes(value));
        sessions.add(clientId);
    }

    @Override
    public void deleteSession(String clientId) {
        sessions.remove(clientId);
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(clientKey(KIND_SESSION, clientId, 0));
            batch.delete(clientKey(KIND_WILL, clientId, 0));
            for (byte kind : new byte[] {KIND_SUBSCRIPTION, KIND_MESSAGE, KIND_INBOUND_QOS2}) {
                byte[] prefix = clientKey(kind, clientId, 0);
                batch.deleteRange(prefix, successor(prefix));
            }
            storage.write(batch);
        } catch (org.rocksdb.RocksDBException e) {
            throw new IllegalStateException("cannot prepare the deletion of the session of " + clientId, e);
        }
    }

    @Override
    public void saveSubscription(String clientId, Subscription subscription, int identifier) {
        if (!sessions.contains(clientId)) {
            return;
        }
        ByteBuf value = Unpooled.buffer(7);
        value.writeByte(subscription.qos().value())
                .writeByte((subscription.noLocal() ? OPTION_NO_LOCAL : 0)
                        | (subscription.retainAsPublished() ? OPTION_RETAIN_AS_PUBLISHED : 0))
                .writeByte(subscription.retainHandling().value())
                .writeInt(identifier);
        storage.put(subscriptionKey(clientId, subscription.topicFilter()), bytes(value));
    }

    @Override
    public void deleteSubscription(String clientId, String topicFilter) {
        storage.delete(subscriptionKey(clientId, topicFilter));
    }

    @Override
    public void addMessage(String clientId, long sequence, Message message, QoS qos, boolean retain,
                           int[] subscriptionIdentifiers, String sharedFilter) {
        if (!sessions.contains(clientId)) {
            return;
        }
        ByteBuf value = Unpooled.buffer(64 + message.payload().readableBytes());
        value.writeByte((retain ? FLAG_RETAIN : 0) | (sharedFilter != null ? FLAG_SHARED : 0))
                .writeByte(qos.value()).writeShort(0);
        if (sharedFilter != null) {
            MessageCodec.writeString(value, sharedFilter);
        }
        value.writeShort(subscriptionIdentifiers.length);
        for (int identifier : subscriptionIdentifiers) {
            value.writeInt(identifier);
        }
        MessageCodec.write(value, message);
        storage.put(messageKey(clientId, sequence), bytes(value));
    }

    @Override
    public void messageSent(String clientId, long sequence, int packetId) {
        updateMessage(clientId, sequence, value -> {
            value[2] = (byte) (packetId >> 8);
            value[3] = (byte) packetId;
            return value;
        });
    }

    @Override
    public void messageReceived(String clientId, long sequence) {
        updateMessage(clientId, sequence, value -> {
            byte[] header = Arrays.copyOf(value, 4);
            header[0] |= FLAG_RECEIVED;
            return header;
        });
    }

    @Override
    public void removeMessage(String clientId, long sequence) {
        storage.delete(messageKey(clientId, sequence));
    }

    @Override
    public void saveInboundQos2(String clientId, int packetId) {
        if (sessions.contains(clientId)) {
            storage.put(inboundQos2Key(clientId, packetId), new byte[0]);
        }
    }

    @Override
    public void deleteInboundQos2(String clientId, int packetId) {
        storage.delete(inboundQos2Key(clientId, packetId));
    }

    @Override
    public void saveWill(String clientId, StoredWill will) {
        if (!sessions.contains(clientId)) {
            return;
        }
        ByteBuf value = Unpooled.buffer(64 + will.message().payload().readableBytes());
        MessageCodec.writeString(value, will.username());
        value.writeLong(will.publishAtMillis());
        MessageCodec.write(value, will.message());
        storage.put(clientKey(KIND_WILL, clientId, 0), bytes(value));
    }

    @Override
    public void deleteWill(String clientId) {
        storage.delete(clientKey(KIND_WILL, clientId, 0));
    }

    /** Nothing to release: the {@link RocksDbStorage} closes RocksDB. */
    @Override
    public void close() {
    }

    private void updateMessage(String clientId, long sequence, UnaryOperator<byte[]> change) {
        byte[] key = messageKey(clientId, sequence);
        byte[] value = storage.get(key);
        if (value != null) {
            storage.put(key, change.apply(value));
        }
    }

    private static StoredSubscription readSubscription(String topicFilter, ByteBuf value) {
        QoS qos = QoS.of(value.readUnsignedByte());
        int options = value.readUnsignedByte();
        RetainHandling retainHandling = RetainHandling.of(value.readUnsignedByte());
        int identifier = value.readInt();
        return new StoredSubscription(new Subscription(topicFilter, qos, (options & OPTION_NO_LOCAL) != 0,
                (options & OPTION_RETAIN_AS_PUBLISHED) != 0, retainHandling), identifier);
    }

    private static StoredMessage readMessage(long sequence, ByteBuf value, long now) {
        int flags = value.readUnsignedByte();
        QoS qos = QoS.of(value.readUnsignedByte());
        int packetId = value.readUnsignedShort();
        boolean retain = (flags & FLAG_RETAIN) != 0;
        if ((flags & FLAG_RECEIVED) != 0) {
            return new StoredMessage(sequence, null, qos, retain, packetId, NO_IDENTIFIERS, null);
        }
        String sharedFilter = (flags & FLAG_SHARED) != 0 ? MessageCodec.readString(value) : null;
        int count = value.readUnsignedShort();
        int[] subscriptionIdentifiers = count == 0 ? NO_IDENTIFIERS : new int[count];
        for (int i = 0; i < count; i++) {
            subscriptionIdentifiers[i] = value.readInt();
        }
        return new StoredMessage(sequence, MessageCodec.read(value, now), qos, retain, packetId,
                subscriptionIdentifiers, sharedFilter);
    }

    /** The kind byte, the client identifier's length and bytes, and room for {@code extra} bytes after. */
    private static byte[] clientKey(byte kind, String clientId, int extra) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[5 + id.length + extra];
        key[0] = kind;
        key[1] = (byte) (id.length >>> 24);
        key[2] = (byte) (id.length >>> 16);
        key[3] = (byte) (id.length >>> 8);
        key[4] = (byte) id.length;
        System.arraycopy(id, 0, key, 5, id.length);
        return key;
    }

    private static String clientId(byte[] key) {
        int length = Unpooled.wrappedBuffer(key, 1, 4).readInt();
        return new String(key, 5, length, StandardCharsets.UTF_8);
    }

    private static byte[] subscriptionKey(String clientId, String topicFilter) {
        return concat(clientKey(KIND_SUBSCRIPTION, clientId, 0), topicFilter.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] messageKey(String clientId, long sequence) {
        byte[] key = clientKey(KIND_MESSAGE, clientId, 8);
        long ordered = sequence ^ Long.MIN_VALUE;
        for (int i = 0; i < 8; i++) {
            key[key.length - 8 + i] = (byte) (ordered >>> (56 - 8 * i));
        }
        return key;
    }

    private static byte[] inboundQos2Key(String clientId, int packetId) {
        byte[] key = clientKey(KIND_INBOUND_QOS2, clientId, 2);
        key[key.length - 2] = (byte) (packetId >> 8);
        key[key.length - 1] = (byte) packetId;
        return key;
    }

    /** The smallest key greater than every key that starts with {@code prefix}. */
    private static byte[] successor(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("no key follows every key with this prefix");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static byte[] bytes(ByteBuf buffer) {
        byte[] result = new byte[buffer.readableBytes()];
        buffer.readBytes(result);
        return result;
    }

    private static final class SessionBuilder {
        final long expirySeconds;
        final long disconnectedAtMillis;
        final List<StoredSubscription> subscriptions = new ArrayList<>();
        final List<StoredMessage> messages = new ArrayList<>();
        final Set<Integer> inboundQos2 = new HashSet<>();
        StoredWill will;

        SessionBuilder(long expirySeconds, long disconnectedAtMillis) {
            this.expirySeconds = expirySeconds;
            this.disconnectedAtMillis = disconnectedAtMillis;
        }
    }
}
