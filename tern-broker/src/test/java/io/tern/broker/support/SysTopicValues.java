package io.tern.broker.support;

import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.codec.QoS;

/** Waits on the values the broker publishes under {@code $SYS/broker/}. */
public final class SysTopicValues {
    private SysTopicValues() {
    }

    /**
     * Waits until the broker publishes {@code expected} on {@code topic}; the broker's sys interval
     * must be short (a few hundred milliseconds) for this to be quick.
     */
    public static void awaitValue(EmbeddedBroker broker, String topic, String expected) {
        try (RawClient sys = connect(broker, "sys-watcher")) {
            subscribe(sys, topic, QoS.AT_MOST_ONCE);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            String last = null;
            while (System.nanoTime() < deadline) {
                last = receivePublish(sys).payload();
                if (last.equals(expected)) {
                    return;
                }
            }
            assertThat(last).as(topic).isEqualTo(expected);
        }
    }
}
