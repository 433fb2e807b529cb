package io.tern.broker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tern.broker.routing.Message;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.QoS;
import io.tern.codec.packet.RetainHandling;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips of every kind of session record through a closed and reopened {@link RocksDbStorage}. */
class RocksDbSessionStoreTest {
    @TempDir
    Path directory;

    private static final int[] NONE = new int[0];

    private final List<Message> created = new ArrayList<>();
    private final List<StoredSession> loaded = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        created.forEach(Message::release);
        for (StoredSession session : loaded) {
            for (StoredMessage stored : session.messages()) {
                if (stored.message() != null) {
                    assertThat(stored.message().release()).isTrue();
                }
            }
        }
        created.forEach(message -> assertThat(message.refCnt()).isZero());
    }

    @Test
    void everyKindOfRecordSurvivesCloseAndReopen() {
        MqttProperties properties = MqttProperties.builder()
                .set(PropertyId.CONTENT_TYPE, "text/plain")
                .set(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)
                .set(PropertyId.RESPONSE_TOPIC, "replies/ü")
                .set(PropertyId.CORRELATION_DATA, new byte[] {1, 2, 3})
                .userProperty("k", "v1")
                .userProperty("k", "v2")
                .build();
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            RocksDbSessionStore store = storage.sessions();
            store.saveSession("client/ü", 3600, 1234L);
            store.saveSession("other", 0xFFFF_FFFFL, 0);
            store.saveSubscription("client/ü", new Subscription("a/+/c", QoS.AT_LEAST_ONCE, true, true,
                    RetainHandling.DO_NOT_SEND), 42);
            store.saveSubscription("client/ü", new Subscription("#", QoS.EXACTLY_ONCE), 0);
            store.saveSubscription("client/ü", new Subscription("gone", QoS.AT_MOST_ONCE), 0);
            store.deleteSubscription("client/ü", "gone");
            store.addMessage("client/ü", 2, message("t/two", QoS.EXACTLY_ONCE, true, "second", properties),
                    QoS.AT_LEAST_ONCE, true, new int[] {3, 200_000}, "$share/g/t/#");
            store.addMessage("client/ü", 1, message("t/one", QoS.AT_LEAST_ONCE, false, "first",
                    MqttProperties.EMPTY), QoS.AT_LEAST_ONCE, false, NONE, null);
            store.addMessage("client/ü", 300, message("t/three", QoS.EXACTLY_ONCE, false, "third",
                    MqttProperties.EMPTY), QoS.EXACTLY_ONCE, false, NONE, null);
            store.addMessage("client/ü", 4, message("t/removed", QoS.AT_LEAST_ONCE, false, "x",
                    MqttProperties.EMPTY), QoS.AT_LEAST_ONCE, false, NONE, null);
            store.messageSent("client/ü", 1, 17);
            store.messageSent("client/ü", 300, 65535);
            store.messageReceived("client/ü", 300);
            store.removeMessage("client/ü", 4);
            store.saveInboundQos2("client/ü", 7);
            store.saveInboundQos2("client/ü", 9);
            store.saveInboundQos2("client/ü", 11);
            store.deleteInboundQos2("client/ü", 9);
        }

        Map<String, StoredSession> sessions = load();
        assertThat(sessions).containsOnlyKeys("client/ü", "other");
        StoredSession other = sessions.get("other");
        assertThat(other.expirySeconds()).isEqualTo(0xFFFF_FFFFL);
        assertThat(other.disconnectedAtMillis()).isZero();
        assertThat(other.subscriptions()).isEmpty();
        assertThat(other.messages()).isEmpty();
        assertThat(other.inboundQos2()).isEmpty();

        StoredSession session = sessions.get("client/ü");
        assertThat(session.expirySeconds()).isEqualTo(3600);
        assertThat(session.disconnectedAtMillis()).isEqualTo(1234L);
        assertThat(session.subscriptions()).containsExactlyInAnyOrder(
                new StoredSubscription(new Subscription("a/+/c", QoS.AT_LEAST_ONCE, true, true,
                        RetainHandling.DO_NOT_SEND), 42),
                new StoredSubscription(new Subscription("#", QoS.EXACTLY_ONCE), 0));
        assertThat(session.inboundQos2()).containsExactlyInAnyOrder(7, 11);

        List<StoredMessage> messages = session.messages();
        assertThat(messages).extracting(StoredMessage::sequence).containsExactly(1L, 2L, 300L);

        StoredMessage first = messages.get(0);
        assertThat(first.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(first.retain()).isFalse();
        assertThat(first.packetId()).isEqualTo(17);
        assertThat(first.message().topic()).isEqualTo("t/one");
        assertThat(first.message().payload().toString(StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(first.message().properties()).isEqualTo(MqttProperties.EMPTY);
        assertThat(first.message().publisherId()).isEqualTo("publisher");
        assertThat(first.sharedFilter()).isNull();

        StoredMessage second = messages.get(1);
        assertThat(second.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(second.retain()).isTrue();
        assertThat(second.packetId()).isZero();
        assertThat(second.message().topic()).isEqualTo("t/two");
        assertThat(second.message().qos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(second.message().retained()).isTrue();
        assertThat(ByteBufUtil.getBytes(second.message().payload()))
                .isEqualTo("second".getBytes(StandardCharsets.UTF_8));
        assertThat(second.message().properties()).isEqualTo(properties);
        assertThat(second.subscriptionIdentifiers()).containsExactly(3, 200_000);
        assertThat(second.sharedFilter()).isEqualTo("$share/g/t/#");

        StoredMessage third = messages.get(2);
        assertThat(third.message()).isNull();
        assertThat(third.qos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(third.packetId()).isEqualTo(65535);
    }

    @Test
    void aRestoredMessageKeepsWhatRemainedOfItsExpiryInterval() {
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            RocksDbSessionStore store = storage.sessions();
            store.saveSession("c", 60, 0);
            store.addMessage("c", 1, message("t", QoS.AT_LEAST_ONCE, false, "p",
                    MqttProperties.builder().set(PropertyId.MESSAGE_EXPIRY_INTERVAL, 100).build()),
                    QoS.AT_LEAST_ONCE, false, NONE, null);
        }
        Message restored = load().get("c").messages().get(0).message();
        assertThat(restored.properties().longValue(PropertyId.MESSAGE_EXPIRY_INTERVAL, -1)).isBetween(99L, 100L);
        assertThat(restored.isExpired()).isFalse();
    }

    @Test
    void deleteSessionRemovesEverythingOfThatClientOnly() {
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            RocksDbSessionStore store = storage.sessions();
            for (String clientId : List.of("a", "ab", "b")) {
                store.saveSession(clientId, 10, 0);
                store.saveSubscription(clientId, new Subscription("x/" + clientId, QoS.AT_LEAST_ONCE), 0);
                store.addMessage(clientId, 1, message("t/" + clientId, QoS.AT_LEAST_ONCE, false, clientId,
                        MqttProperties.EMPTY), QoS.AT_LEAST_ONCE, false, NONE, null);
                store.saveInboundQos2(clientId, 5);
            }
            store.deleteSession("a");
            // writes for a session that is not stored are ignored, as MemorySessionStore ignores them
            store.saveSubscription("a", new Subscription("late", QoS.AT_LEAST_ONCE), 0);
            store.addMessage("a", 2, message("late", QoS.AT_LEAST_ONCE, false, "late", MqttProperties.EMPTY),
                    QoS.AT_LEAST_ONCE, false, NONE, null);
            store.saveInboundQos2("a", 6);
        }
        Map<String, StoredSession> sessions = load();
        assertThat(sessions).containsOnlyKeys("ab", "b");
        for (String clientId : List.of("ab", "b")) {
            StoredSession session = sessions.get(clientId);
            assertThat(session.subscriptions()).extracting(s -> s.subscription().topicFilter())
                    .containsExactly("x/" + clientId);
            assertThat(session.messages()).extracting(m -> m.message().topic()).containsExactly("t/" + clientId);
            assertThat(session.inboundQos2()).isEqualTo(Set.of(5));
        }

        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            RocksDbSessionStore store = storage.sessions();
            store.saveSession("a", 10, 0);
        }
        StoredSession recreated = load().get("a");
        assertThat(recreated.subscriptions()).isEmpty();
        assertThat(recreated.messages()).isEmpty();
        assertThat(recreated.inboundQos2()).isEmpty();
    }

    private Message message(String topic, QoS qos, boolean retained, String payload, MqttProperties properties) {
        Message message = new Message(topic, qos, retained,
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8), properties, "publisher");
        created.add(message);
        return message;
    }

    private Map<String, StoredSession> load() {
        try (RocksDbStorage storage = new RocksDbStorage(directory)) {
            RocksDbSessionStore store = storage.sessions();
            List<StoredSession> sessions = store.load();
            loaded.addAll(sessions);
            return sessions.stream().collect(Collectors.toMap(StoredSession::clientId, Function.identity()));
        }
    }
}
