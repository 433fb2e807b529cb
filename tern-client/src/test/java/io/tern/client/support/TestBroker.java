package io.tern.client.support;

/** A broker a test talks to, on a free loopback port, stopped by {@link #close()}. */
public interface TestBroker extends AutoCloseable {
    /** The port it listens on, at 127.0.0.1. */
    int port();

    /** Stops it, within seconds. */
    @Override
    void close();
}
