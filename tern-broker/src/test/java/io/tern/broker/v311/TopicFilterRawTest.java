package io.tern.broker.v311;

import static io.tern.broker.support.RawFlows.connect;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.support.EmbeddedBroker;
import io.tern.broker.support.RawClient;
import io.tern.codec.MqttProperties;
import io.tern.codec.QoS;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which topic filters a SUBSCRIBE may carry (section 4.7.1). */
class TopicFilterRawTest {
    @RegisterExtension
    final EmbeddedBroker broker = new EmbeddedBroker();

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"#", "a/#", "+", "+/a/+", "/+", "+/+", "a//b", "/", "+/#", "a/+/#", "$SYS/#", "$x/+"})
    @DisplayName("[MQTT-4.7.1-2] [MQTT-4.7.1-3] valid wildcard filters are granted")
    void validFiltersGranted(String filter) {
        try (RawClient client = connect(broker, "tf-valid")) {
            client.send(new Subscribe(1, List.of(new Subscription(filter, QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY));
            assertThat(client.receive(Suback.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a#", "a/#/b", "#/", "##", "a/b#", "a+", "a/+b", "+a", "++", "a/+#"})
    @DisplayName("[MQTT-4.7.1-2] [MQTT-4.7.1-3] a SUBSCRIBE with a misplaced '#' or '+' closes the connection")
    void invalidFiltersClose(String filter) {
        try (RawClient client = connect(broker, "tf-invalid")) {
            byte[] utf8 = filter.getBytes(StandardCharsets.UTF_8);
            int remaining = 2 + 2 + utf8.length + 1;
            client.sendHex(String.format("82 %02x 00 01 %04x %s 00", remaining, utf8.length,
                    HexFormat.of().formatHex(utf8)));
            assertThat(client.closedWithoutData()).isTrue();
        }
    }
}
