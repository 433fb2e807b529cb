package io.tern.broker.transport;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Watches the keep alive of the connections of one event loop: one timer per loop checks them all
 * every {@value #TICK_MILLIS} ms, instead of a handler and a timer task per connection, which an idle
 * connection would carry for nothing but this. A connection that has received nothing for one and a
 * half times its keep alive is told so (MQTT 3.1.1 [MQTT-3.1.2-24], MQTT 5 section 3.1.2.10).
 *
 * <p>Used on its event loop only.
 */
final class KeepAliveMonitor {
    static final long TICK_MILLIS = 250;

    private static final FastThreadLocal<KeepAliveMonitor> OF_LOOP = new FastThreadLocal<>() {
        @Override
        protected KeepAliveMonitor initialValue() {
            return new KeepAliveMonitor();
        }
    };

    private final List<MqttConnection> watched = new ArrayList<>();
    private ScheduledFuture<?> timer;

    private KeepAliveMonitor() {
    }

    /** The monitor of the current event loop. */
    static KeepAliveMonitor current() {
        return OF_LOOP.get();
    }

    /** Starts watching {@code connection}, whose {@link MqttConnection#keepAliveIndex} it then keeps. */
    void watch(MqttConnection connection, EventLoop loop) {
        connection.keepAliveIndex = watched.size();
        watched.add(connection);
        if (timer == null) {
            timer = loop.scheduleAtFixedRate(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops watching {@code connection}; the last one watched takes its place. */
    void unwatch(MqttConnection connection) {
        int index = connection.keepAliveIndex;
        if (index < 0) {
            return;
        }
        MqttConnection last = watched.remove(watched.size() - 1);
        if (last != connection) {
            watched.set(index, last);
            last.keepAliveIndex = index;
        }
        connection.keepAliveIndex = -1;
        if (watched.isEmpty()) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check() {
        long now = System.nanoTime();
        for (int i = watched.size() - 1; i >= 0; i--) {
            if (i < watched.size()) { // an expiry may unwatch more than one
                MqttConnection connection = watched.get(i);
                if (now - connection.lastReceivedNanos > connection.keepAliveTimeoutNanos) {
                    connection.keepAliveExpired();
                }
            }
        }
    }
}
