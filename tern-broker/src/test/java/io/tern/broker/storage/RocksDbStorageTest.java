package io.tern.broker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.tern.broker.retained.RetainedStore;
import io.tern.broker.routing.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;

/** Opening, refusing and reopening a data directory, and the retained messages kept in it. */
class RocksDbStorageTest {
    @TempDir
    Path directory;

    @Test
    void refusesADirectoryOfANewerFormatVersionAndLeavesItAsItIs() throws Exception {
        new RocksDbStorage(directory).close();
        byte[] newer = {0, 0, 0, (byte) (RocksDbStorage.FORMAT_VERSION + 1)};
        try (RocksDB db = RocksDB.open(directory.toString())) {
            db.put("\0format-version".getBytes(StandardCharsets.US_ASCII), newer);
            db.put(new byte[] {0x7F, 1}, new byte[] {42});
        }
        assertThatThrownBy(() -> new RocksDbStorage(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(directory.toString())
                .hasMessageContaining("format version " + (RocksDbStorage.FORMAT_VERSION + 1))
                .hasMessageContaining("reads format version " + RocksDbStorage.FORMAT_VERSION)
                .hasMessageContaining("newer Tern");
        // the refusal closed RocksDB and wiped nothing
        try (RocksDB db = RocksDB.open(directory.toString())) {
            assertThat(db.get(new byte[] {0x7F, 1})).containsExactly(42);
        }
    }

    @Test
    void upgradesAFormat2DirectoryWhoseRecordsReadAsTheyAre() throws Exception {
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            storage.sessions().saveSession("c", 60, 0);
            Message message = new Message("t", QoS.AT_LEAST_ONCE, false,
                    Unpooled.copiedBuffer("kept", StandardCharsets.UTF_8), MqttProperties.EMPTY, "p");
            storage.sessions().addMessage("c", 1, message, QoS.AT_LEAST_ONCE, false, new int[0], null);
            message.release();
        }
        byte[] formatVersionKey = "\0format-version".getBytes(StandardCharsets.US_ASCII);
        try (RocksDB db = RocksDB.open(directory.toString())) {
            db.put(formatVersionKey, new byte[] {0, 0, 0, 2});
        }

        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            StoredMessage stored = storage.sessions().load().get(0).messages().get(0);
            assertThat(stored.message().payload().toString(StandardCharsets.UTF_8)).isEqualTo("kept");
            assertThat(stored.sharedFilter()).isNull();
            stored.message().release();
        }
        try (RocksDB db = RocksDB.open(directory.toString())) {
            assertThat(db.get(formatVersionKey))
                    .containsExactly(RocksDbStorage.intBytes(RocksDbStorage.FORMAT_VERSION));
        }
    }

    @Test
    void refusesADirectoryOfAnOlderFormatVersionThanItUpgrades() throws Exception {
        new RocksDbStorage(directory).close();
        try (RocksDB db = RocksDB.open(directory.toString())) {
            db.put("\0format-version".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0, 0, 1});
        }
        assertThatThrownBy(() -> new RocksDbStorage(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format version 1")
                .hasMessageContaining("reads format version " + RocksDbStorage.FORMAT_VERSION);
    }

    @Test
    void refusesADirectoryWithDataButNoFormatVersion() throws Exception {
        try (RocksDB db = RocksDB.open(new org.rocksdb.Options().setCreateIfMissing(true), directory.toString())) {
            db.put(new byte[] {1, 2}, new byte[] {3});
        }
        assertThatThrownBy(() -> new RocksDbStorage(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(directory.toString())
                .hasMessageContaining("without a format version");
    }

    @Test
    void aSecondOpenOfADirectoryInUseSaysSo() {
        try (RocksDbStorage first = new RocksDbStorage(directory)) {
            assertThatThrownBy(() -> new RocksDbStorage(directory))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("data directory " + directory + " is in use by another broker (its LOCK file is held)");
        }
    }

    @Test
    void anUnreadableDirectoryStopsTheOpenWithItsName() throws Exception {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> new RocksDbStorage(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aRecordThatCannotBeReadStopsTheLoadWithTheDirectoryAndLeavesItAsItIs() throws Exception {
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            storage.sessions().saveSession("c", 60, 0);
        }
        byte[] messageKey = {0x03, 0, 0, 0, 1, 'c', (byte) 0x80, 0, 0, 0, 0, 0, 0, 1};
        try (RocksDB db = RocksDB.open(directory.toString())) {
            db.put(messageKey, new byte[] {0, 1}); // cut short
        }
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            assertThatThrownBy(() -> storage.sessions().load())
                    .isInstanceOf(DataDirectoryException.class)
                    .hasMessageContaining("the data directory " + directory + " holds a record that this broker "
                            + "cannot read (key 0300000001638000000000000001)")
                    .hasMessageContaining("left as it is");
        }
        try (RocksDB db = RocksDB.open(directory.toString())) {
            assertThat(db.get(messageKey)).containsExactly(0, 1);
        }
    }

    @Test
    void useAfterCloseIsRefusedInsteadOfReachingNativeCode() {
        RocksDbStorage storage = new RocksDbStorage(directory);
        storage.close();
        storage.close();
        assertThatThrownBy(() -> storage.sessions().saveSession("c", 1, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(storage::sync).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void retainedMessagesSurviveReopeningWithoutTheClearedAndExpiredOnes() throws Exception {
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            RetainedStore retained = storage.retained();
            retain(retained, message("a/b", "kept", MqttProperties.EMPTY));
            retain(retained, message("a/c", "cleared", MqttProperties.EMPTY));
            retain(retained, message("a/c", "", MqttProperties.EMPTY));
            retain(retained, message("a/d", "replaced", MqttProperties.EMPTY));
            retain(retained, message("a/d", "replacement", MqttProperties.builder()
                    .set(PropertyId.CONTENT_TYPE, "text/plain").build()));
            retain(retained, message("a/e", "expires", MqttProperties.builder()
                    .set(PropertyId.MESSAGE_EXPIRY_INTERVAL, 0).build()));
            storage.sync();
        }
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            List<String> found = new ArrayList<>();
            storage.retained().match("a/#", message -> found.add(message.topic() + "="
                    + message.payload().toString(StandardCharsets.UTF_8) + " "
                    + message.properties().stringValue(PropertyId.CONTENT_TYPE)));
            assertThat(found).containsExactlyInAnyOrder("a/b=kept null", "a/d=replacement text/plain");
            assertThat(storage.retained().size()).isEqualTo(2);
        }
    }

    private static void retain(RetainedStore store, Message message) {
        try {
            store.retain(message);
        } finally {
            message.release();
        }
    }

    private static Message message(String topic, String payload, MqttProperties properties) {
        return new Message(topic, QoS.AT_LEAST_ONCE, true, Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8),
                properties, "publisher");
    }
}
