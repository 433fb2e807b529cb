package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receivePublish;
import static io.tern.broker.support.RawFlows.subscribe;
import static io.tern.broker.support.Waits.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.BrokerConfig;
import io.tern.broker.TernBroker;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Subscription;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code $SYS/broker/...} topics, published every 200 ms here. */
class SysTopicsTest {
    private static final String PREFIX = "$SYS/broker/";

    @RegisterExtension
    final EmbeddedBroker broker = EmbeddedBroker.withConfig(BrokerConfig.builder().sysInterval(Duration.ofMillis(200)).build());

    @Test
    @DisplayName("[MQTT-4.7.2-1] a '$SYS/#' subscription receives $SYS/broker/version (\"tern <version>\")")
    void sysWildcardReceivesVersion() {
        try (RawClient client = connect(broker, "sys-version")) {
            subscribe(client, "$SYS/#", QoS.AT_MOST_ONCE);
            Received version = next(client, PREFIX + "version");
            assertThat(version.payload()).isEqualTo("tern " + TernBroker.VERSION);
        }
    }

    @Test
    @DisplayName("$SYS/broker/clients/connected is at least 1 while a client is connected")
    void clientsConnected() {
        try (RawClient client = connect(broker, "sys-connected")) {
            subscribe(client, PREFIX + "clients/connected", QoS.AT_MOST_ONCE);
            nextLive(client, PREFIX + "clients/connected");
            Received live = nextLive(client, PREFIX + "clients/connected"); // computed after this client subscribed
            assertThat(Long.parseLong(live.payload())).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    @DisplayName("[MQTT-3.3.1-6] [MQTT-3.3.1-8] the $SYS topics are retained: a new subscription gets each at once, RETAIN=1, with plausible values")
    void retainedWithPlausibleValues() {
        try (RawClient first = connect(broker, "sys-first")) {
            subscribe(first, PREFIX + "subscriptions/count", QoS.AT_MOST_ONCE);
            nextLive(first, PREFIX + "subscriptions/count");
            nextLive(first, PREFIX + "subscriptions/count"); // a round computed after this client subscribed
            try (RawClient second = connect(broker, "sys-second")) {
                subscribe(second, PREFIX + "#", QoS.AT_MOST_ONCE);
                // the retained messages are sent right after the SUBACK, before any live ones
                Map<String, Received> retained = new LinkedHashMap<>();
                for (int i = 0; i < 11; i++) {
                    Received r = receivePublish(second);
                    assertThat(r.retain()).as(r.topic()).isTrue();
                    retained.put(r.topic().substring(PREFIX.length()), r);
                }
                assertThat(retained).containsOnlyKeys("version", "uptime", "clients/connected", "clients/total",
                        "messages/received", "messages/sent", "publish/messages/dropped", "bytes/received",
                        "bytes/sent", "subscriptions/count", "retained messages/count");
                assertThat(retained.get("version").payload()).startsWith("tern ");
                assertThat(retained.get("uptime").payload()).matches("\\d+ seconds");
                assertThat(number(retained, "clients/connected")).isGreaterThanOrEqualTo(1);
                assertThat(number(retained, "clients/total")).isGreaterThanOrEqualTo(1);
                assertThat(number(retained, "subscriptions/count")).isGreaterThanOrEqualTo(1);
                assertThat(number(retained, "messages/sent")).isGreaterThanOrEqualTo(0);
                assertThat(number(retained, "bytes/received")).isGreaterThan(0);
                assertThat(number(retained, "bytes/sent")).isGreaterThan(0);
                assertThat(number(retained, "messages/received")).isGreaterThanOrEqualTo(0);
                assertThat(number(retained, "publish/messages/dropped")).isZero();
                assertThat(number(retained, "retained messages/count")).isGreaterThanOrEqualTo(11);
            }
        }
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] '#', '+/broker/#' and '+/+/version' receive neither the retained nor the live $SYS messages")
    void leadingWildcardsSkipSys() {
        try (RawClient watcher = connect(broker, "sys-watcher");
             RawClient wildcards = connect(broker, "sys-wildcards");
             RawClient publisher = connect(broker, "sys-pub")) {
            subscribe(watcher, PREFIX + "uptime", QoS.AT_MOST_ONCE);
            assertThat(subscribe(wildcards, 1,
                    new Subscription("#", QoS.AT_MOST_ONCE),
                    new Subscription("+/broker/#", QoS.AT_MOST_ONCE),
                    new Subscription("+/+/version", QoS.AT_MOST_ONCE)).reasonCodes())
                    .containsOnly(ReasonCode.GRANTED_QOS_0);
            nextLive(watcher, PREFIX + "uptime");
            nextLive(watcher, PREFIX + "uptime"); // a whole round of $SYS messages routed after the wildcard subscriptions
            publish(publisher, "marker", QoS.AT_MOST_ONCE, "marker");
            assertThat(receivePublish(wildcards).topic()).isEqualTo("marker");
        }
    }

    private static long number(Map<String, Received> values, String topic) {
        return Long.parseLong(values.get(topic).payload());
    }

    /** The next message on {@code topic}, skipping others. */
    private static Received next(RawClient client, String topic) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = receivePublish(client);
            if (r.topic().equals(topic)) {
                return r;
            }
        }
        throw new AssertionError("no message on " + topic + " within " + TIMEOUT);
    }

    /** The next live (RETAIN=0) message on {@code topic}: published after the subscription was made. */
    private static Received nextLive(RawClient client, String topic) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = next(client, topic);
            if (!r.retain()) {
                return r;
            }
        }
        throw new AssertionError("no live message on " + topic + " within " + TIMEOUT);
    }
}
