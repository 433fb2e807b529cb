package io.tern.broker.support;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tern.broker.BrokerConfig;
import io.tern.broker.auth.ClientInfo;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.session.ClientConnection;
import io.tern.broker.session.Session;
import io.tern.broker.session.SessionRegistry;
import io.tern.broker.storage.MemorySessionStore;
import io.tern.broker.sys.BrokerMetrics;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.MqttPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Real sessions on an embedded event loop, for tests of the parts that hold sessions. */
public final class TestSessions {
    private final EmbeddedChannel loopOwner = new EmbeddedChannel();
    private final SubscriptionIndex index;
    private final SessionRegistry registry;

    public TestSessions(SubscriptionIndex index) {
        this.index = index;
        this.registry = new SessionRegistry(index, BrokerConfig.defaults(), new BrokerMetrics(), new MemorySessionStore());
    }

    /** Opens a clean session with a connection that records what it is sent. */
    public Session open(String clientId) {
        AtomicReference<Session> opened = new AtomicReference<>();
        registry.open(new RecordingConnection(clientId), loopOwner.eventLoop(), clientId, true, 0,
                (session, present) -> opened.set(session));
        return opened.get();
    }

    public SubscriptionIndex index() {
        return index;
    }

    /** A connection that keeps the packets sent to it. */
    public static final class RecordingConnection implements ClientConnection {
        private final ClientInfo client;
        public final List<MqttPacket> sent = new ArrayList<>();

        RecordingConnection(String clientId) {
            this.client = new ClientInfo(clientId, null, null);
        }

        @Override
        public void send(MqttPacket packet) {
            sent.add(packet);
        }

        @Override
        public MqttVersion version() {
            return MqttVersion.V3_1_1;
        }

        @Override
        public boolean fits(Message message, QoS qos, boolean retain) {
            return true;
        }

        @Override
        public int receiveMaximum() {
            return 0xFFFF;
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public ClientInfo client() {
            return client;
        }

        @Override
        public void closeForTakeover() {
        }
    }
}
