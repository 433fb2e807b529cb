package io.tern.broker.session;

import io.netty.util.collection.IntObjectHashMap;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.SharedGroup;
import io.tern.broker.storage.StoredMessage;
import io.tern.broker.sys.BrokerMetrics;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubRel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * The messages on their way from the broker to one client: those in flight (sent, awaiting PUBACK
 * or PUBREC/PUBCOMP, at most a window of them) and those queued behind them while the window is full
 * or the client is offline, in the order they were published. Queued messages whose MQTT 5 message
 * expiry interval passes are dropped before they are sent [MQTT-3.3.2-5]. Messages of a shared
 * subscription remember their group, to go back to it if the session leaves the group before they
 * are delivered.
 *
 * <p>Touched only on the session's event loop, except {@link #readiness()}, which any thread may read.
 */
final class OutboundFlow {
    private final BrokerMetrics metrics;
    private final SessionJournal journal;
    private final int maxWindow;
    private int window;
    private final int maxQueued;
    private final long maxQueuedBytes;
    private final boolean queueQos0;
    /**
     * Shared by every flow with nothing in flight or queued, and never written: most connections
     * never need either, and an idle connection should cost little memory.
     */
    private static final IntObjectHashMap<InFlight> NOTHING_IN_FLIGHT = new IntObjectHashMap<>(1);
    private static final ArrayDeque<Queued> NOTHING_QUEUED = new ArrayDeque<>(0);

    /** By packet identifier; no boxing on the per-message path. */
    private IntObjectHashMap<InFlight> inFlight = NOTHING_IN_FLIGHT;
    private ArrayDeque<Queued> queue = NOTHING_QUEUED;
    private long queuedBytes;
    private int lastPacketId;
    private long lastSequence;
    private long dropped;
    private boolean dropping;
    private long slowDropped;
    private boolean slowDropping;
    /** Written on the session's loop only when it changes, read by publishers' threads. */
    private volatile Readiness readiness = Readiness.OFFLINE;

    OutboundFlow(int window, int maxQueued, long maxQueuedBytes, boolean queueQos0, BrokerMetrics metrics,
                 SessionJournal journal) {
        this.metrics = metrics;
        this.journal = journal;
        this.maxWindow = window;
        this.window = window;
        this.maxQueued = maxQueued;
        this.maxQueuedBytes = maxQueuedBytes;
        this.queueQos0 = queueQos0;
    }

    /**
     * Sets the window for a new connection: the broker's limit, or the client's Receive Maximum if
     * lower [MQTT-3.3.4-9]. Messages already in flight beyond it stay in flight.
     */
    void limitWindow(int receiveMaximum) {
        window = Math.min(maxWindow, receiveMaximum);
    }

    /** Why messages began to be dropped. */
    enum Drops {
        /** None began to be dropped with this message. */
        NONE,
        /** The queue is full. */
        QUEUE_FULL,
        /** The client is a slow consumer: its socket takes no more, and the message is QoS 0. */
        SLOW_CONSUMER
    }

    /**
     * Sends the message now if the client is connected, its socket takes more and nothing waits before
     * it, or queues it; drops it if the queue is full, or if it is QoS 0 for a slow consumer.
     *
     * @param subscriptionIdentifiers the MQTT 5 subscription identifiers it is delivered for
     * @param group                   the shared subscription group it is delivered for, or {@code null}
     *
     * @return why, if this message began a run of drops (the first dropped since the last delivered)
     */
    Drops deliver(Message message, QoS qos, boolean retain, int[] subscriptionIdentifiers, SharedGroup group,
                  ClientConnection connection) {
        if (message.isExpired()) {
            return Drops.NONE;
        }
        if (connection == null) {
            return qos == QoS.AT_MOST_ONCE && !queueQos0 ? Drops.NONE
                    : enqueue(message, qos, retain, subscriptionIdentifiers, group, null);
        }
        boolean writable = connection.writable();
        if (!writable && qos == QoS.AT_MOST_ONCE) {
            slowDropped++;
            metrics.messageDropped();
            boolean first = !slowDropping;
            slowDropping = true;
            return first ? Drops.SLOW_CONSUMER : Drops.NONE;
        }
        if (writable && queue.isEmpty() && (qos == QoS.AT_MOST_ONCE || inFlight.size() < window)) {
            slowDropping = false;
            long sequence = ++lastSequence;
            if (qos != QoS.AT_MOST_ONCE) {
                journal.added(sequence, message, qos, retain, subscriptionIdentifiers, group);
            }
            send(sequence, message, qos, retain, subscriptionIdentifiers, group, connection);
            refreshReadiness(connection);
            return Drops.NONE;
        }
        return enqueue(message, qos, retain, subscriptionIdentifiers, group, connection);
    }

    private Drops enqueue(Message message, QoS qos, boolean retain, int[] subscriptionIdentifiers, SharedGroup group,
                          ClientConnection connection) {
        if (!hasRoomFor(message)) {
            dropped++;
            metrics.messageDropped();
            boolean first = !dropping;
            dropping = true;
            return first ? Drops.QUEUE_FULL : Drops.NONE;
        }
        dropping = false;
        message.retain();
        long sequence = ++lastSequence;
        journal.added(sequence, message, qos, retain, subscriptionIdentifiers, group);
        queue().add(new Queued(sequence, message, qos, retain, subscriptionIdentifiers, group));
        queuedBytes += message.size();
        refreshReadiness(connection);
        return Drops.NONE;
    }

    /** Whether the queue's limits let {@code message} join it. */
    private boolean hasRoomFor(Message message) {
        return queue.size() < maxQueued && (maxQueuedBytes == 0 || queuedBytes + message.size() <= maxQueuedBytes);
    }

    /**
     * PUBACK for a QoS 1 message, or PUBREC with an error code for a QoS 2 message, which ends its
     * flow without PUBREL [MQTT-4.3.3-4]: either way the message is done with and never sent again
     * [MQTT-4.4.0-2], nor offered to another member of a shared subscription [MQTT-4.8.2-6]. Returns
     * whether it was in flight at that QoS.
     */
    boolean acknowledged(int packetId, QoS qos, ClientConnection connection) {
        InFlight entry = inFlight.get(packetId);
        if (entry == null || entry.qos != qos || entry.message == null) {
            return false;
        }
        inFlight.remove(packetId);
        entry.message.release();
        journal.removed(entry.sequence);
        drain(connection);
        return true;
    }

    /** PUBREC: the QoS 2 message is received; PUBREL follows. Returns whether it was in flight. */
    boolean received(int packetId) {
        InFlight entry = inFlight.get(packetId);
        if (entry == null || entry.qos != QoS.EXACTLY_ONCE) {
            return false;
        }
        if (entry.message != null) {
            entry.message.release();
            entry.message = null;
            journal.received(entry.sequence);
        }
        return true;
    }

    /** PUBCOMP: the QoS 2 flow is complete. Returns whether it was awaiting PUBCOMP. */
    boolean completed(int packetId, ClientConnection connection) {
        InFlight entry = inFlight.get(packetId);
        if (entry == null || entry.message != null) {
            return false;
        }
        inFlight.remove(packetId);
        journal.removed(entry.sequence);
        drain(connection);
        return true;
    }

    /**
     * Resumes after a reconnect: every message in flight is sent again, PUBLISH with DUP set or
     * PUBREL where PUBREC had come, in the original order; then the queue fills the window.
     */
    void resume(ClientConnection connection) {
        List<InFlight> inOrder = new ArrayList<>(inFlight.values());
        inOrder.sort(Comparator.comparingLong(flight -> flight.sequence));
        for (InFlight flight : inOrder) {
            if (flight.message == null) {
                connection.send(new PubRel(flight.packetId));
            } else if (!connection.fits(flight.message, flight.qos, flight.retain)) {
                // the new connection's client accepts smaller packets: dropped as if delivered [MQTT-3.1.2-25]
                inFlight.remove(flight.packetId);
                flight.message.release();
                metrics.messageDropped();
                journal.removed(flight.sequence);
            } else {
                connection.send(flight.message.toPublish(flight.qos, flight.retain, true, flight.packetId,
                        flight.subscriptionIdentifiers));
            }
        }
        drain(connection);
    }

    /**
     * Takes back the messages of a stored session, in their order: those that had been sent are in
     * flight again (resent with DUP on the next connection), the others queued; those whose expiry
     * interval has passed are dropped, from the store too [MQTT-3.3.2-5]; and so are the queued ones
     * beyond the queue's limits, which may have been lowered since they were stored: the newest, as the
     * live path drops new messages when the queue is full, counted in {@link #takeDropped}. Takes over
     * the messages' references. A message of a shared subscription rejoins {@code groups}' group of its
     * filter, to go back to it if the session leaves it.
     */
    void restore(List<StoredMessage> messages, Function<String, SharedGroup> groups) {
        for (StoredMessage stored : messages) {
            lastSequence = Math.max(lastSequence, stored.sequence());
            if (stored.message() != null && stored.message().isExpired()) { // expired while the broker was down
                stored.message().release();
                journal.removed(stored.sequence());
                continue;
            }
            if (stored.packetId() == 0 && !hasRoomFor(stored.message())) {
                stored.message().release();
                journal.removed(stored.sequence());
                dropped++;
                metrics.messageDropped();
            } else if (stored.packetId() == 0) {
                queue().add(new Queued(stored.sequence(), stored.message(), stored.qos(), stored.retain(),
                        stored.subscriptionIdentifiers(), groupOf(stored, groups)));
                queuedBytes += stored.message().size();
            } else {
                inFlight().put(stored.packetId(), new InFlight(stored.sequence(), stored.packetId(), stored.message(),
                        stored.qos(), stored.retain(), stored.subscriptionIdentifiers(), groupOf(stored, groups)));
                lastPacketId = stored.packetId();
            }
        }
    }

    private static SharedGroup groupOf(StoredMessage stored, Function<String, SharedGroup> groups) {
        return stored.sharedFilter() == null ? null : groups.apply(stored.sharedFilter());
    }

    /** Messages dropped because the queue was full, since the last call. */
    long takeDropped() {
        long count = dropped;
        dropped = 0;
        return count;
    }

    /** QoS 0 messages dropped because the client was a slow consumer, since the last call. */
    long takeSlowDropped() {
        long count = slowDropped;
        slowDropped = 0;
        return count;
    }

    /** Number of messages queued behind the window. */
    int queued() {
        return queue.size();
    }

    /**
     * How ready the client is to take a message at once, for choosing among the members of a shared
     * subscription. Safe from any thread.
     */
    Readiness readiness() {
        return readiness;
    }

    /** The connection ended: messages queue until the next. */
    void disconnected() {
        readiness = Readiness.OFFLINE;
    }

    /**
     * Gives the messages of shared subscriptions that the session leaves back to their groups, for
     * another member: those queued for the group of {@code sharedFilter}, the session having
     * unsubscribed from it (those in flight complete here [MQTT-3.10.4-3]); or, if {@code sharedFilter}
     * is {@code null} because the session ends, those queued for every group and the QoS 1 ones in
     * flight. A QoS 2 message in flight goes to no other member [MQTT-4.8.2-5]. Call after the session
     * has left the groups, so that they choose among the other members.
     */
    void handBack(String sharedFilter) {
        if (sharedFilter == null) {
            List<InFlight> started = new ArrayList<>();
            for (InFlight flight : inFlight.values()) {
                if (flight.group != null && flight.qos == QoS.AT_LEAST_ONCE) {
                    started.add(flight);
                }
            }
            started.sort(Comparator.comparingLong(flight -> flight.sequence));
            for (InFlight flight : started) {
                inFlight.remove(flight.packetId);
                journal.removed(flight.sequence);
                flight.group.deliver(flight.message);
                flight.message.release();
            }
        }
        for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
            Queued queued = it.next();
            if (leaves(queued.group, sharedFilter)) {
                it.remove();
                queuedBytes -= queued.message.size();
                journal.removed(queued.sequence);
                queued.group.deliver(queued.message);
                queued.message.release();
            }
        }
    }

    private static boolean leaves(SharedGroup group, String sharedFilter) {
        return group != null && (sharedFilter == null || group.filter().equals(sharedFilter));
    }

    /** Releases everything held. */
    void clear() {
        for (InFlight flight : inFlight.values()) {
            if (flight.message != null) {
                flight.message.release();
            }
        }
        inFlight = NOTHING_IN_FLIGHT;
        for (Queued queued : queue) {
            queued.message.release();
        }
        queue = NOTHING_QUEUED;
        queuedBytes = 0;
        readiness = Readiness.OFFLINE;
    }

    /** Sends what is queued, as far as the window and the client's socket take it. */
    void drain(ClientConnection connection) {
        if (connection == null) {
            return;
        }
        while (!queue.isEmpty() && connection.writable()) {
            slowDropping = false;
            Queued next = queue.peek();
            if (next.qos != QoS.AT_MOST_ONCE && inFlight.size() >= window) {
                break;
            }
            queue.poll();
            queuedBytes -= next.message.size();
            if (next.message.isExpired()) {
                journal.removed(next.sequence);
            } else {
                send(next.sequence, next.message, next.qos, next.retain, next.subscriptionIdentifiers, next.group,
                        connection);
                if (next.qos == QoS.AT_MOST_ONCE) {
                    journal.removed(next.sequence);
                }
            }
            next.message.release();
        }
        refreshReadiness(connection);
    }

    /** Publishes the readiness of the connected client, writing the volatile only when it changes. */
    private void refreshReadiness(ClientConnection connection) {
        Readiness now = connection == null ? Readiness.OFFLINE
                : queue.isEmpty() && inFlight.size() < window && connection.writable() ? Readiness.READY
                : Readiness.BUSY;
        if (readiness != now) {
            readiness = now;
        }
    }

    private void send(long sequence, Message message, QoS qos, boolean retain, int[] subscriptionIdentifiers,
                      SharedGroup group, ClientConnection connection) {
        if (!connection.fits(message, qos, retain)) {
            // too large for the client: dropped as if it had been delivered [MQTT-3.1.2-25]
            metrics.messageDropped();
            if (qos != QoS.AT_MOST_ONCE) {
                journal.removed(sequence);
            }
            return;
        }
        int packetId = 0;
        if (qos != QoS.AT_MOST_ONCE) {
            packetId = nextPacketId();
            message.retain();
            inFlight().put(packetId, new InFlight(sequence, packetId, message, qos, retain, subscriptionIdentifiers,
                    group));
            journal.sent(sequence, packetId);
        }
        connection.send(message.toPublish(qos, retain, false, packetId, subscriptionIdentifiers));
    }

    private IntObjectHashMap<InFlight> inFlight() {
        if (inFlight == NOTHING_IN_FLIGHT) {
            inFlight = new IntObjectHashMap<>(8);
        }
        return inFlight;
    }

    private ArrayDeque<Queued> queue() {
        if (queue == NOTHING_QUEUED) {
            queue = new ArrayDeque<>();
        }
        return queue;
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId == 0xFFFF ? 1 : lastPacketId + 1;
        } while (inFlight.containsKey(lastPacketId));
        return lastPacketId;
    }

    private static final class InFlight {
        final long sequence;
        final int packetId;
        /** The message until PUBREC; {@code null} while a QoS 2 flow awaits PUBCOMP. */
        Message message;
        final QoS qos;
        final boolean retain;
        final int[] subscriptionIdentifiers;
        /** The shared subscription group it is delivered for, or {@code null}. */
        final SharedGroup group;

        InFlight(long sequence, int packetId, Message message, QoS qos, boolean retain,
                 int[] subscriptionIdentifiers, SharedGroup group) {
            this.sequence = sequence;
            this.packetId = packetId;
            this.message = message;
            this.qos = qos;
            this.retain = retain;
            this.subscriptionIdentifiers = subscriptionIdentifiers;
            this.group = group;
        }
    }

    private record Queued(long sequence, Message message, QoS qos, boolean retain, int[] subscriptionIdentifiers,
                          SharedGroup group) {
    }
}
