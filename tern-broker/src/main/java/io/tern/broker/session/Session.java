package io.tern.broker.session;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.tern.broker.BrokerConfig;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.SharedGroup;
import io.tern.broker.routing.Subscriber;
import io.tern.broker.routing.SubscriptionIndex;
import io.tern.broker.storage.SessionStore;
import io.tern.broker.storage.StoredSession;
import io.tern.broker.storage.StoredSubscription;
import io.tern.broker.storage.StoredWill;
import io.tern.broker.auth.ClientInfo;
import io.tern.broker.sys.BrokerMetrics;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import io.tern.codec.topic.SharedSubscription;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state the broker keeps for one client identifier: its subscriptions, the messages on their
 * way to it, and the QoS 2 packet identifiers it sent that await PUBREL. A session outlives its
 * connection when the client asked for that (clean session 0), until it expires.
 *
 * <p>A session lives on one event loop, that of its latest connection, and its state is touched only
 * there: no locks. Work from elsewhere goes through {@link #execute}, which follows the session when
 * a reconnect moves it to another loop.
 */
public final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final String clientId;
    private final SessionRegistry registry;
    private final SubscriptionIndex index;
    private final OutboundFlow outbound;
    private final SessionJournal journal;
    /** Empty and shared until the first subscription. */
    private Map<String, Subscriber> subscriptions = Collections.emptyMap();
    /** Empty and shared until the client sends a QoS 2 message: most never do. */
    private Set<Integer> awaitingRelease = Collections.emptySet();
    private volatile EventLoop loop;
    private ClientConnection connection;
    private long expirySeconds;
    private ScheduledFuture<?> expiry;
    private PendingWill pendingWill;
    private boolean discarded;
    /** Whether the client may receive a message of a topic, as the authorizer says for its latest connection. */
    private Predicate<String> mayReceive = topic -> true;

    Session(String clientId, EventLoop loop, SessionRegistry registry, SubscriptionIndex index, BrokerConfig config,
            BrokerMetrics metrics, SessionStore store) {
        this.clientId = clientId;
        this.loop = loop;
        this.registry = registry;
        this.index = index;
        this.journal = new SessionJournal(store, clientId, false);
        this.outbound = new OutboundFlow(config.maxInflight(), config.maxQueuedMessages(), config.maxQueuedBytes(),
                config.queueQos0(), metrics, journal);
    }

    /**
     * Takes back a stored session, offline: its subscriptions join the topic tree, its messages
     * wait for the client, and its expiry counts from when its connection ended.
     */
    void restore(StoredSession stored) {
        journal.restored();
        for (StoredSubscription subscription : stored.subscriptions()) {
            Subscriber subscriber = new Subscriber(this, subscription.subscription(), subscription.identifier());
            subscriptions().put(subscription.subscription().topicFilter(), subscriber);
            index.subscribe(subscriber);
        }
        awaitingRelease().addAll(stored.inboundQos2());
        outbound.restore(stored.messages(), index::sharedGroup);
        long dropped = outbound.takeDropped();
        if (dropped > 0) {
            LOG.warn("Client {} lost {} stored messages beyond its queue's limits (max-queued-messages, "
                    + "max-queued-bytes) at restore", clientId, dropped);
        }
        expirySeconds = stored.expirySeconds();
        long endedAt = stored.disconnectedAtMillis();
        if (endedAt == 0) { // connected when the broker stopped: its expiry starts now
            endedAt = System.currentTimeMillis();
            journal.detached(expirySeconds, endedAt);
        }
        if (stored.will() != null) { // its delay counted on while the broker was down
            StoredWill will = stored.will();
            delayWill(new ClientInfo(clientId, will.username(), null), will.message(),
                    Math.max(0, will.publishAtMillis() - System.currentTimeMillis()));
        }
        if (expirySeconds != BrokerConfig.NEVER_EXPIRE) {
            long remainingMillis = endedAt + expirySeconds * 1000 - System.currentTimeMillis();
            expiry = loop.schedule(this::expire, Math.max(0, remainingMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** The client identifier. */
    public String clientId() {
        return clientId;
    }

    /** The event loop the session lives on now. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * How ready the client is to take a message at once, as the session's loop last saw it: a hint
     * for choosing among the members of a shared subscription. Safe from any thread.
     */
    public Readiness readiness() {
        return outbound.readiness();
    }

    /**
     * Delivers a routed message from any thread: at once on the session's loop, or handed to that
     * loop with a reference of its own, following the session if it moves on meanwhile.
     */
    public void offer(Message message, Subscriber subscriber) {
        EventLoop current = loop;
        if (current.inEventLoop()) {
            deliver(message, subscriber);
            return;
        }
        follow(current, message, subscriber, registry.transit().departing());
    }

    /** Hands the message to {@code target}, counted in transit in {@code epoch} until it gets there. */
    private void follow(EventLoop target, Message message, Subscriber subscriber, long epoch) {
        message.retain();
        target.execute(() -> {
            try {
                EventLoop current = loop;
                if (current.inEventLoop()) {
                    deliver(message, subscriber);
                } else { // moved again: the delivery stays counted in its epoch
                    registry.transit().departingAgain(epoch);
                    follow(current, message, subscriber, epoch);
                }
            } finally {
                message.release();
                registry.transit().arrived(epoch);
            }
        });
    }

    /** Runs {@code task} on the session's event loop, wherever the session has moved by then. */
    public void execute(Runnable task) {
        EventLoop current = loop;
        if (current.inEventLoop()) {
            task.run();
        } else {
            current.execute(() -> execute(task));
        }
    }

    /**
     * Delivers a routed message to the client, now or when its window or connection allows, at no more
     * than the subscription's QoS [MQTT-3.8.4-8] [MQTT-4.8.2-3]. A message of a shared subscription that
     * the session has left since it was chosen goes to another member of the group. Call on the
     * session's loop.
     */
    public void deliver(Message message, Subscriber subscriber) {
        Subscription subscription = subscriber.subscription();
        SharedGroup group = subscriber.group();
        if (group != null && !subscriptions.containsKey(subscription.topicFilter())) {
            group.deliver(message);
            return;
        }
        if (discarded || !mayReceive.test(message.topic())) {
            return;
        }
        boolean retain = subscription.retainAsPublished() && message.retained();
        enqueue(message, QoS.min(message.qos(), subscription.qos()), retain, subscriber.identifiers(), group);
    }

    /** Delivers a retained message because of a new subscription: RETAIN stays set. */
    public void deliverRetained(Message message, Subscriber subscriber) {
        if (!discarded && mayReceive.test(message.topic())) {
            enqueue(message, QoS.min(message.qos(), subscriber.subscription().qos()), true,
                    subscriber.identifiers(), null);
        }
    }

    private void enqueue(Message message, QoS qos, boolean retain, int[] subscriptionIdentifiers, SharedGroup group) {
        switch (outbound.deliver(message, qos, retain, subscriptionIdentifiers, group, connection)) {
            case QUEUE_FULL -> LOG.warn("Queue of client {} is full ({} messages): dropping new messages until it "
                    + "drains", clientId, outbound.queued());
            case SLOW_CONSUMER -> LOG.warn("Client {} reads slower than messages come: dropping QoS 0 messages, "
                    + "queueing QoS 1 and 2, until it catches up", clientId);
            case NONE -> {
            }
        }
    }

    /** The client's socket takes more again: what is queued goes out. Call on the session's loop. */
    public void drain() {
        outbound.drain(connection);
    }

    /** The number of subscriptions. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** Whether the session has a subscription to exactly {@code topicFilter}. */
    public boolean isSubscribed(String topicFilter) {
        return subscriptions.containsKey(topicFilter);
    }

    /**
     * Sets what the client may receive, checked for each message delivered from now on, while it is
     * connected and while it is away. Call on the session's loop when a connection attaches.
     */
    public void receiveOnly(Predicate<String> mayReceive) {
        this.mayReceive = mayReceive;
    }

    /**
     * Adds or replaces a subscription.
     *
     * @return whether it is new (MQTT 5 retain handling 1 sends retained messages only then)
     */
    public boolean subscribe(Subscriber subscriber) {
        subscriptions().put(subscriber.subscription().topicFilter(), subscriber);
        journal.subscribed(subscriber.subscription(), subscriber.identifier());
        return index.subscribe(subscriber);
    }

    /**
     * Removes a subscription; returns whether there was one. Leaving a shared subscription, the
     * session gives the messages queued for it to another member of the group.
     */
    public boolean unsubscribe(String topicFilter) {
        if (subscriptions.remove(topicFilter) == null) {
            return false;
        }
        journal.unsubscribed(topicFilter);
        boolean removed = index.unsubscribe(this, topicFilter);
        if (SharedSubscription.isShared(topicFilter)) {
            outbound.handBack(topicFilter);
        }
        return removed;
    }

    /** PUBACK from the client, accepting the message or refusing it (reason code 0x80 or above). */
    public boolean acknowledged(int packetId) {
        return outbound.acknowledged(packetId, QoS.AT_LEAST_ONCE, connection);
    }

    /** PUBREC with an error code from the client: it refused the QoS 2 message, whose flow ends there. */
    public boolean refused(int packetId) {
        return outbound.acknowledged(packetId, QoS.EXACTLY_ONCE, connection);
    }

    /** PUBREC from the client, accepting the QoS 2 message: PUBREL follows. */
    public boolean received(int packetId) {
        return outbound.received(packetId);
    }

    /** PUBCOMP from the client. */
    public boolean completed(int packetId) {
        return outbound.completed(packetId, connection);
    }

    /**
     * A QoS 2 PUBLISH arrived: whether it is the first time for this packet identifier (so the
     * message is routed) rather than a resend before PUBREL (so it is not routed again).
     */
    public boolean firstReceipt(int packetId) {
        boolean first = awaitingRelease().add(packetId);
        if (first) {
            journal.inboundQos2(packetId);
        }
        return first;
    }

    private Map<String, Subscriber> subscriptions() {
        if (subscriptions == Collections.<String, Subscriber>emptyMap()) {
            subscriptions = new HashMap<>();
        }
        return subscriptions;
    }

    private Set<Integer> awaitingRelease() {
        if (awaitingRelease == Collections.<Integer>emptySet()) {
            awaitingRelease = new HashSet<>();
        }
        return awaitingRelease;
    }

    /** How many QoS 2 messages from the client await its PUBREL: what counts against the broker's Receive Maximum. */
    public int releasesAwaited() {
        return awaitingRelease.size();
    }

    /** Whether a QoS 2 message the client sent with this packet identifier awaits its PUBREL. */
    public boolean awaitsRelease(int packetId) {
        return awaitingRelease.contains(packetId);
    }

    /** PUBREL from the client: the packet identifier is free again. Returns whether it was held. */
    public boolean released(int packetId) {
        boolean held = awaitingRelease.remove(packetId);
        if (held) {
            journal.inboundQos2Released(packetId);
        }
        return held;
    }

    /** Whether the connection is the one attached. */
    public boolean isAttachedTo(ClientConnection candidate) {
        return connection == candidate;
    }

    /**
     * Changes how long the session outlives its connection, as an MQTT 5 DISCONNECT may. Call on the
     * session's loop, before the connection closes.
     */
    public void expiryOnDisconnect(long newExpirySeconds) {
        expirySeconds = newExpirySeconds;
    }

    /**
     * The connection {@code closed} ended with a will that waits {@code delaySeconds} (MQTT 5 will
     * delay interval): it is published then, or when the session ends if that comes first; not at all
     * if a new connection resumes the session before [MQTT-3.1.3-9]. Call on the session's loop,
     * before {@link #detach}.
     */
    public void willAfter(ClientConnection closed, long delaySeconds, ClientInfo client, Message will) {
        if (connection != closed) { // taken over: by a clean start that ended this session, or a resume
            if (discarded) {
                registry.wills().publishWill(client, will);
            } else {
                will.release();
            }
            return;
        }
        long publishAtMillis = System.currentTimeMillis() + delaySeconds * 1000;
        journal.willPending(new StoredWill(will, client.username(), publishAtMillis));
        delayWill(client, will, delaySeconds * 1000);
    }

    /** Publishes the will after {@code delayMillis} unless the session resumes or ends first. */
    private void delayWill(ClientInfo client, Message will, long delayMillis) {
        PendingWill pending = new PendingWill(client, will);
        pending.timer = loop.schedule(() -> {
            if (pendingWill == pending) {
                pendingWill = null;
                journal.willGone();
                pending.publish(registry.wills());
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
        pendingWill = pending;
    }

    /** The connection closed: the session ends or waits for its client. Call on the session's loop. */
    public void detach(ClientConnection closed) {
        if (connection != closed) {
            return; // a newer connection has taken over
        }
        connection = null;
        outbound.disconnected();
        long dropped = outbound.takeDropped();
        if (dropped > 0) {
            LOG.warn("Client {} lost {} messages to its full queue", clientId, dropped);
        }
        long slowDropped = outbound.takeSlowDropped();
        if (slowDropped > 0) {
            LOG.warn("Client {} lost {} QoS 0 messages by reading slower than they came", clientId, slowDropped);
        }
        journal.detached(expirySeconds, System.currentTimeMillis());
        if (expirySeconds == 0) {
            discard();
        } else if (expirySeconds != BrokerConfig.NEVER_EXPIRE) {
            expiry = loop.schedule(this::expire, expirySeconds, TimeUnit.SECONDS);
        }
    }

    private void expire() {
        if (connection == null && !discarded) {
            LOG.info("Session of client {} expired", clientId);
            discard();
        }
    }

    /** Attaches a connection and resends what was in flight. Call on the connection's loop. */
    void attach(ClientConnection newConnection, long newExpirySeconds) {
        if (pendingWill != null) { // the session resumed within the will delay: no will [MQTT-3.1.3-9]
            pendingWill.timer.cancel(false);
            pendingWill.will.release();
            pendingWill = null;
            journal.willGone();
        }
        connection = newConnection;
        expirySeconds = newExpirySeconds;
        outbound.limitWindow(newConnection.receiveMaximum());
        journal.attached(newExpirySeconds);
    }

    /** Sends again what was in flight when the previous connection ended, then what is queued. */
    public void resume() {
        outbound.resume(connection);
    }

    /**
     * A new connection for this client identifier: close the current one, then either hand this
     * session to the new connection's loop or discard it for a clean start.
     */
    void takeOver(ClientConnection newConnection, EventLoop newLoop, boolean cleanStart, long newExpirySeconds,
                  BiConsumer<Session, Boolean> attached) {
        if (connection != null) {
            ClientConnection old = connection;
            connection = null;
            outbound.disconnected();
            old.closeForTakeover();
        }
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        // a session whose connection asked for none to outlive it (clean session 1, or expiry 0)
        // ends with that connection: the new one does not inherit it
        if (discarded || cleanStart || expirySeconds == 0) {
            discard();
            newLoop.execute(() -> registry.open(newConnection, newLoop, clientId, cleanStart, newExpirySeconds,
                    attached));
            return;
        }
        loop = newLoop;
        newLoop.execute(() -> {
            attach(newConnection, newExpirySeconds);
            attached.accept(this, true);
        });
    }

    /**
     * Ends the session: subscriptions removed, messages of shared subscriptions given back to their
     * groups, other held messages released.
     */
    void discard() {
        if (discarded) {
            return;
        }
        discarded = true;
        journal.discarded();
        if (pendingWill != null) { // the session ends before the will delay: the will goes now
            PendingWill will = pendingWill;
            pendingWill = null;
            will.timer.cancel(false);
            will.publish(registry.wills());
        }
        for (String filter : subscriptions.keySet()) {
            index.unsubscribe(this, filter);
        }
        subscriptions.clear();
        outbound.handBack(null);
        outbound.clear();
        awaitingRelease.clear();
        registry.remove(this);
    }

    /**
     * Releases what the session holds in memory because the broker stops; what the store keeps of
     * it stays, for the next start.
     */
    void release() {
        discarded = true;
        if (pendingWill != null) { // the store keeps it, for the next start
            pendingWill.timer.cancel(false);
            pendingWill.will.release();
            pendingWill = null;
        }
        outbound.clear();
    }

    @Override
    public String toString() {
        return "Session[" + clientId + "]";
    }

    /** A will waiting for its delay, and the timer that publishes it then. */
    private static final class PendingWill {
        final ClientInfo client;
        final Message will;
        ScheduledFuture<?> timer;

        PendingWill(ClientInfo client, Message will) {
            this.client = client;
            this.will = will;
        }

        void publish(WillPublisher publisher) {
            publisher.publishWill(client, will);
        }
    }
}
