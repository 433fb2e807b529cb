package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.assertNothingPendingBeforePing;
import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.auth.Authorizer;
import io.tern.broker.auth.ClientInfo;
import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.QoS;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A PUBLISH the authorizer refuses (here anything under {@code forbidden/}). */
class PublishAuthorizationTest {
    private static final Authorizer NOT_FORBIDDEN = new Authorizer() {
        @Override
        public boolean canPublish(ClientInfo client, String topic) {
            return !topic.startsWith("forbidden/");
        }

        @Override
        public boolean canSubscribe(ClientInfo client, String topicFilter) {
            return true;
        }
    };

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker(builder -> builder.authorizer(NOT_FORBIDDEN));

    @ParameterizedTest(name = "QoS {0}")
    @EnumSource(QoS.class)
    @DisplayName("[MQTT-3.3.5-2] an unauthorized PUBLISH is acknowledged as its QoS requires, the connection stays open, and nobody receives it")
    void acknowledgedAndDropped(QoS qos) {
        try (RawClient subscriber = connect(broker, "pauth-sub");
             RawClient publisher = connect(broker, "pauth-pub")) {
            subscribe(subscriber, "#", QoS.EXACTLY_ONCE);
            // publish() checks PUBACK, or PUBREC then PUBCOMP, or (QoS 0) that the connection answers PINGREQ
            publish(publisher, "forbidden/x", qos, "secret");
            assertNothingPendingBeforePing(publisher);
            publish(publisher, "allowed/x", QoS.AT_LEAST_ONCE, "marker");
            assertThat(receiveAndAck(subscriber).payload()).isEqualTo("marker");
        }
    }

    @ParameterizedTest(name = "QoS {0}")
    @EnumSource(QoS.class)
    @DisplayName("[MQTT-3.3.5-2] an unauthorized retained PUBLISH is not stored as retained either")
    void retainedNotStored(QoS qos) {
        try (RawClient publisher = connect(broker, "pauth-ret-pub")) {
            publish(publisher, "forbidden/r", qos, true, qos == QoS.AT_MOST_ONCE ? 0 : 1, "secret");
            try (RawClient subscriber = connect(broker, "pauth-ret-sub")) {
                subscribe(subscriber, "forbidden/#", QoS.EXACTLY_ONCE);
                assertNothingPendingBeforePing(subscriber);
            }
        }
    }
}
