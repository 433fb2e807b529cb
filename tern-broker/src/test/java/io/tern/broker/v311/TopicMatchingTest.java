package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.connect;
import static io.tern.broker.support.RawFlows.publish;
import static io.tern.broker.support.RawFlows.receiveAndAck;
import static io.tern.broker.support.RawFlows.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.broker.support.RawFlows.Received;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which topic names a filter matches (section 4.7), with the standard's own examples: one subscriber
 * per filter, every candidate topic published, then a marker; what arrived before the marker is what
 * matched.
 */
class TopicMatchingTest {
    private static final String MARKER = "zz-marker";

    /** Topics published in every case; each case lists those its filter must match. */
    private static final List<String> TOPICS = List.of(
            "sport", "sport/", "sports", "sport/tennis", "sport/tennis/player1", "sport/tennis/player1/ranking",
            "sport/tennis/player1/score/wimbledon", "sport/tennis/player2",
            "/finance", "finance", "/", "a//b", "a/b/c",
            "$app", "$app/sport", "$app/sport/tennis", "$app/x");

    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sport/tennis/player1/#", List.of("sport/tennis/player1", "sport/tennis/player1/ranking",
                        "sport/tennis/player1/score/wimbledon")),
                Arguments.of("sport/#", List.of("sport", "sport/", "sport/tennis", "sport/tennis/player1",
                        "sport/tennis/player1/ranking", "sport/tennis/player1/score/wimbledon",
                        "sport/tennis/player2")),
                Arguments.of("sport/tennis/+", List.of("sport/tennis/player1", "sport/tennis/player2")),
                Arguments.of("sport/+", List.of("sport/", "sport/tennis")),
                Arguments.of("+/+", List.of("sport/", "sport/tennis", "/finance", "/")),
                Arguments.of("/+", List.of("/finance", "/")),
                Arguments.of("+", List.of("sport", "sports", "finance")),
                Arguments.of("+/tennis/#", List.of("sport/tennis", "sport/tennis/player1",
                        "sport/tennis/player1/ranking", "sport/tennis/player1/score/wimbledon",
                        "sport/tennis/player2")),
                Arguments.of("a/+/b", List.of("a//b")),
                Arguments.of("#", List.of("sport", "sport/", "sports", "sport/tennis", "sport/tennis/player1",
                        "sport/tennis/player1/ranking", "sport/tennis/player1/score/wimbledon",
                        "sport/tennis/player2", "/finance", "finance", "/", "a//b",
                        "a/b/c")),
                Arguments.of("+/sport", List.of()),
                Arguments.of("+/x", List.of()),
                Arguments.of("$app/#", List.of("$app", "$app/sport", "$app/sport/tennis", "$app/x")),
                Arguments.of("$app/+", List.of("$app/sport", "$app/x")),
                Arguments.of("$app/sport/+", List.of("$app/sport/tennis")),
                Arguments.of("+/+/tennis", List.of()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("cases")
    @DisplayName("[MQTT-4.7.1-2] [MQTT-4.7.1-3] [MQTT-4.7.2-1] [MQTT-4.5.0-1] '#' matches the parent and every level below, '+' exactly one level; a leading wildcard never matches a '$' topic")
    void filterMatches(String filter, List<String> expected) {
        try (RawClient subscriber = connect(broker, "match-sub");
             RawClient publisher = connect(broker, "match-pub")) {
            assertThat(subscribe(subscriber, 1,
                    new Subscription(filter, QoS.AT_LEAST_ONCE),
                    new Subscription(MARKER, QoS.AT_LEAST_ONCE)).reasonCodes())
                    .containsExactly(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_1);
            for (String topic : TOPICS) {
                publish(publisher, topic, QoS.AT_LEAST_ONCE, topic);
            }
            publish(publisher, MARKER, QoS.AT_LEAST_ONCE, MARKER);
            List<String> received = new ArrayList<>();
            while (true) {
                Received message = receiveAndAck(subscriber);
                if (message.topic().equals(MARKER)) { // once, even where the filter matches it too
                    break;
                }
                assertThat(message.payload()).isEqualTo(message.topic());
                received.add(message.topic());
            }
            assertThat(received).as("topics matched by %s, in publishing order", filter)
                    .containsExactlyElementsOf(expected);
        }
    }
}
