package io.tern.broker.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tern.broker.routing.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.UserProperty;
import io.tern.codec.packet.RetainHandling;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Sessions kept in a RocksDB directory, so that they survive the process.
 *
 * <p>Every key starts with one byte naming its kind, so that {@link #load()} reads each kind in
 * one ordered pass; the kinds other than the format version continue with the client identifier
 * as a 4-byte big-endian length and its UTF-8 bytes, so that no client identifier is a key prefix
 * of another's:
 * <ul>
 *   <li>{@code 0x00 "format-version"} → the format version (4 bytes)</li>
 *   <li>{@code 0x01 client} → session expiry seconds, disconnected-at epoch milliseconds (8 bytes each)</li>
 *   <li>{@code 0x02 client filter} → QoS, options, retain handling, subscription identifier</li>
 *   <li>{@code 0x03 client sequence} (big-endian, sign bit flipped so that order is numeric) →
 *       delivery flags, QoS, packet identifier, and unless PUBREC came the message: its QoS,
 *       RETAIN, expiry instant, topic, publisher, properties and payload</li>
 *   <li>{@code 0x04 client packetId} → nothing: an inbound QoS 2 packet identifier awaiting PUBREL</li>
 * </ul>
 *
 * <p>Records of a client whose session is not stored are ignored, as {@link MemorySessionStore}
 * ignores them. Messages are copied into the store; it holds no references to them.
 */
public final class RocksDbSessionStore implements SessionStore {
    /** The format this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final byte KIND_META = 0x00;
    private static final byte KIND_SESSION = 0x01;
    private static final byte KIND_SUBSCRIPTION = 0x02;
    private static final byte KIND_MESSAGE = 0x03;
    private static final byte KIND_INBOUND_QOS2 = 0x04;
    private static final byte[] FORMAT_VERSION_KEY = concat(new byte[] {KIND_META},
            "format-version".getBytes(StandardCharsets.US_ASCII));

    private static final int FLAG_RETAIN = 1;
    private static final int FLAG_RECEIVED = 2;
    private static final int OPTION_NO_LOCAL = 1;
    private static final int OPTION_RETAIN_AS_PUBLISHED = 2;

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    /** The client identifiers with a stored session, so that writes for others are ignored without a read. */
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Opens the store in {@code directory}, creating it if it does not exist.
     *
     * @throws IllegalStateException if the directory holds a store of another format version, or
     *                               RocksDB cannot open it
     */
    public RocksDbSessionStore(Path directory) {
        this.directory = directory;
        Options dbOptions = new Options().setCreateIfMissing(true);
        RocksDB opened = null;
        try {
            Files.createDirectories(directory);
            opened = RocksDB.open(dbOptions, directory.toString());
            checkFormat(opened);
            try (RocksIterator iterator = opened.newIterator()) {
                byte[] start = {KIND_SESSION};
                for (iterator.seek(start); iterator.isValid() && iterator.key()[0] == KIND_SESSION; iterator.next()) {
                    sessions.add(clientId(iterator.key()));
                }
            }
        } catch (Exception | Error e) {
            if (opened != null) {
                opened.close();
            }
            dbOptions.close();
            if (e instanceof IllegalStateException illegalState) {
                throw illegalState;
            }
            throw new IllegalStateException("cannot open the session store in " + directory + ": " + e, e);
        }
        this.options = dbOptions;
        this.db = opened;
        // No fsync yet: a write reaches the OS, not the disk. The group-commit durability barrier comes next.
        this.writeOptions = new WriteOptions().setSync(false);
    }

    private void checkFormat(RocksDB opened) throws RocksDBException {
        byte[] version = opened.get(FORMAT_VERSION_KEY);
        if (version == null) {
            try (RocksIterator iterator = opened.newIterator()) {
                iterator.seekToFirst();
                if (iterator.isValid()) {
                    throw new IllegalStateException("the session store in " + directory
                            + " has no format version; this broker reads format version " + FORMAT_VERSION);
                }
            }
            opened.put(FORMAT_VERSION_KEY, intBytes(FORMAT_VERSION));
            return;
        }
        int found = version.length == 4 ? Unpooled.wrappedBuffer(version).readInt() : -1;
        if (found != FORMAT_VERSION) {
            throw new IllegalStateException("the session store in " + directory + " has format version "
                    + (found == -1 ? "unreadable (" + version.length + " bytes)" : found)
                    + "; this broker reads format version " + FORMAT_VERSION);
        }
    }

    /** The directory of the store. */
    public Path directory() {
        return directory;
    }

    @Override
    public List<StoredSession> load() {
        ensureOpen();
        Map<String, SessionBuilder> builders = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        try (RocksIterator iterator = db.newIterator()) {
            for (iterator.seek(new byte[] {KIND_SESSION}); iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                String clientId = clientId(key);
                int suffix = 5 + Unpooled.wrappedBuffer(key, 1, 4).readInt();
                ByteBuf value = Unpooled.wrappedBuffer(iterator.value());
                if (key[0] == KIND_SESSION) {
                    builders.put(clientId, new SessionBuilder(value.readLong(), value.readLong()));
                    continue;
                }
                SessionBuilder builder = builders.get(clientId);
                if (builder == null) {
                    continue;
                }
                switch (key[0]) {
                    case KIND_SUBSCRIPTION -> builder.subscriptions.add(readSubscription(
                            new String(key, suffix, key.length - suffix, StandardCharsets.UTF_8), value));
                    case KIND_MESSAGE -> builder.messages.add(readMessage(
                            Unpooled.wrappedBuffer(key, suffix, 8).readLong() ^ Long.MIN_VALUE, value, now));
                    case KIND_INBOUND_QOS2 -> builder.inboundQos2.add(
                            (int) Unpooled.wrappedBuffer(key, suffix, 2).readUnsignedShort());
                    default -> {
                        // a kind of a later format version would have been refused at open
                    }
                }
            }
        }
        List<StoredSession> result = new ArrayList<>(builders.size());
        builders.forEach((clientId, builder) -> result.add(new StoredSession(clientId, builder.expirySeconds,
                builder.disconnectedAtMillis, builder.subscriptions, builder.messages, builder.inboundQos2)));
        return result;
    }

    @Override
    public void saveSession(String clientId, long expirySeconds, long disconnectedAtMillis) {
        ByteBuf value = Unpooled.buffer(16);
        value.writeLong(expirySeconds).writeLong(disconnectedAtMillis);
        put(clientKey(KIND_SESSION, clientId, 0), bytes(value));
        sessions.add(clientId);
    }

    @Override
    public void deleteSession(String clientId) {
        ensureOpen();
        sessions.remove(clientId);
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(clientKey(KIND_SESSION, clientId, 0));
            for (byte kind : new byte[] {KIND_SUBSCRIPTION, KIND_MESSAGE, KIND_INBOUND_QOS2}) {
                byte[] prefix = clientKey(kind, clientId, 0);
                batch.deleteRange(prefix, successor(prefix));
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("delete the session of " + clientId, e);
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
        put(subscriptionKey(clientId, subscription.topicFilter()), bytes(value));
    }

    @Override
    public void deleteSubscription(String clientId, String topicFilter) {
        delete(subscriptionKey(clientId, topicFilter));
    }

    @Override
    public void addMessage(String clientId, long sequence, Message message, QoS qos, boolean retain) {
        if (!sessions.contains(clientId)) {
            return;
        }
        ByteBuf value = Unpooled.buffer(64 + message.payload().readableBytes());
        value.writeByte(retain ? FLAG_RETAIN : 0).writeByte(qos.value()).writeShort(0);
        value.writeByte(message.qos().value()).writeBoolean(message.retained()).writeLong(message.expiresAtMillis());
        writeString(value, message.topic());
        writeString(value, message.publisherId());
        writeProperties(value, message.properties().without(PropertyId.MESSAGE_EXPIRY_INTERVAL));
        value.writeInt(message.payload().readableBytes());
        value.writeBytes(message.payload(), message.payload().readerIndex(), message.payload().readableBytes());
        put(messageKey(clientId, sequence), bytes(value));
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
        delete(messageKey(clientId, sequence));
    }

    @Override
    public void saveInboundQos2(String clientId, int packetId) {
        if (sessions.contains(clientId)) {
            put(inboundQos2Key(clientId, packetId), new byte[0]);
        }
    }

    @Override
    public void deleteInboundQos2(String clientId, int packetId) {
        delete(inboundQos2Key(clientId, packetId));
    }

    /** Closes RocksDB; what was written stays in the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeOptions.close();
        db.close();
        options.close();
    }

    private void updateMessage(String clientId, long sequence, java.util.function.UnaryOperator<byte[]> change) {
        ensureOpen();
        byte[] key = messageKey(clientId, sequence);
        try {
            byte[] value = db.get(key);
            if (value != null) {
                put(key, change.apply(value));
            }
        } catch (RocksDBException e) {
            throw failure("read a message of " + clientId, e);
        }
    }

    /** A closed RocksDB handle must not reach native code, which would crash the process. */
    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the session store in " + directory + " is closed");
        }
    }

    private void put(byte[] key, byte[] value) {
        ensureOpen();
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(key, value);
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    private void delete(byte[] key) {
        ensureOpen();
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(key);
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("delete", e);
        }
    }

    private IllegalStateException failure(String what, RocksDBException e) {
        return new IllegalStateException("session store in " + directory + ": cannot " + what + ": "
                + e.getMessage(), e);
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
            return new StoredMessage(sequence, null, qos, retain, packetId);
        }
        QoS publishedQos = QoS.of(value.readUnsignedByte());
        boolean retained = value.readBoolean();
        long expiresAtMillis = value.readLong();
        String topic = readString(value);
        String publisherId = readString(value);
        MqttProperties properties = readProperties(value);
        if (expiresAtMillis != 0) {
            // the interval counts from the Message's creation: give it what remained of it
            long remainingSeconds = Math.max(0, (expiresAtMillis - now + 999) / 1000);
            properties = properties.toBuilder().set(PropertyId.MESSAGE_EXPIRY_INTERVAL,
                    Math.min(remainingSeconds, 0xFFFF_FFFFL)).build();
        }
        int length = value.readInt();
        ByteBuf payload = Unpooled.buffer(length);
        value.readBytes(payload, length);
        return new StoredMessage(sequence, new Message(topic, publishedQos, retained, payload, properties,
                publisherId), qos, retain, packetId);
    }

    /**
     * Properties as a count and, per entry in wire order, the identifier byte and the value in the
     * form of its type; the codec has no public way to encode properties alone.
     */
    private static void writeProperties(ByteBuf out, MqttProperties properties) {
        out.writeInt(properties.size());
        List<UserProperty> userProperties = properties.userProperties();
        List<Integer> subscriptionIdentifiers = properties.subscriptionIdentifiers();
        int user = 0;
        int subscription = 0;
        for (int i = 0; i < properties.size(); i++) {
            PropertyId id = properties.idAt(i);
            out.writeByte(id.id());
            switch (id.type()) {
                case UTF8_STRING_PAIR -> {
                    UserProperty property = userProperties.get(user++);
                    writeString(out, property.name());
                    writeString(out, property.value());
                }
                case UTF8_STRING -> writeString(out, properties.stringValue(id));
                case BINARY_DATA -> {
                    byte[] data = properties.binaryValue(id);
                    out.writeInt(data.length).writeBytes(data);
                }
                default -> out.writeLong(id == PropertyId.SUBSCRIPTION_IDENTIFIER
                        ? subscriptionIdentifiers.get(subscription++) : properties.longValue(id, 0));
            }
        }
    }

    private static MqttProperties readProperties(ByteBuf in) {
        int count = in.readInt();
        if (count == 0) {
            return MqttProperties.EMPTY;
        }
        MqttProperties.Builder builder = MqttProperties.builder();
        for (int i = 0; i < count; i++) {
            PropertyId id = PropertyId.of(in.readUnsignedByte());
            switch (id.type()) {
                case UTF8_STRING_PAIR -> builder.userProperty(readString(in), readString(in));
                case UTF8_STRING -> builder.set(id, readString(in));
                case BINARY_DATA -> {
                    byte[] data = new byte[in.readInt()];
                    in.readBytes(data);
                    builder.set(id, data);
                }
                default -> {
                    long number = in.readLong();
                    if (id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
                        builder.subscriptionIdentifier((int) number);
                    } else {
                        builder.set(id, number);
                    }
                }
            }
        }
        return builder.build();
    }

    /** A UTF-8 string as a 4-byte length, -1 for null, and its bytes. */
    private static void writeString(ByteBuf out, String text) {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length).writeBytes(bytes);
    }

    private static String readString(ByteBuf in) {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        String text = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return text;
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

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
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

        SessionBuilder(long expirySeconds, long disconnectedAtMillis) {
            this.expirySeconds = expirySeconds;
            this.disconnectedAtMillis = disconnectedAtMillis;
        }
    }
}
