package io.tern.broker.sys;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the broker's traffic, updated from every event loop without contention. */
public final class BrokerMetrics {
    private final LongAdder connectedClients = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder messagesDropped = new LongAdder();

    /** A client completed CONNECT. */
    public void clientConnected() {
        connectedClients.increment();
    }

    /** A connected client's connection ended. */
    public void clientDisconnected() {
        connectedClients.decrement();
    }

    /** A PUBLISH arrived from a client. */
    public void messageReceived() {
        messagesReceived.increment();
    }

    /** A PUBLISH was written to a client. */
    public void messageSent() {
        messagesSent.increment();
    }

    /** A message for a client was dropped: its queue was full, or it was QoS 0 for a slow consumer. */
    public void messageDropped() {
        messagesDropped.increment();
    }

    /** Bytes read from a socket. */
    public void bytesReceived(long bytes) {
        bytesReceived.add(bytes);
    }

    /** Bytes written to a socket. */
    public void bytesSent(long bytes) {
        bytesSent.add(bytes);
    }

    public long connectedClients() {
        return connectedClients.sum();
    }

    public long messagesReceived() {
        return messagesReceived.sum();
    }

    public long messagesSent() {
        return messagesSent.sum();
    }

    public long messagesDropped() {
        return messagesDropped.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }
}
