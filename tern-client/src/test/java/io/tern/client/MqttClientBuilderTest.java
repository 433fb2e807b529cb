package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.codec.MqttVersion;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MqttClientBuilderTest {
    @Test
    @DisplayName("serverUri takes mqtt://, tcp://, mqtts://, ws:// and wss:// with or without a port; other schemes "
            + "are refused with the reason")
    void serverUri() {
        assertThatThrownBy(() -> MqttClient.builder().serverUri("http://host:80"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server URI http://host:80: scheme must be mqtt://, mqtts://, ws:// or wss:// (or tcp://, "
                        + "ssl://), not http://");
        assertThatThrownBy(() -> MqttClient.builder().serverUri("mqtt:///topic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no host");
        try (MqttClient client = MqttClient.builder().serverUri("tcp://localhost").clientId("x").build()) {
            assertThat(client.clientId()).isEqualTo("x");
        }
    }

    @Test
    @DisplayName("out-of-range settings are refused with the setting and the range")
    void rangesChecked() {
        assertThatThrownBy(() -> MqttClient.builder().serverPort(0)).hasMessage("port must be between 1 and 65535, not 0");
        assertThatThrownBy(() -> MqttClient.builder().keepAlive(Duration.ofSeconds(70_000)))
                .hasMessageStartingWith("keep alive must be between 0 and 65535 s");
        assertThatThrownBy(() -> MqttClient.builder().receiveMaximum(0))
                .hasMessage("receive maximum must be between 1 and 65535, not 0");
        assertThatThrownBy(() -> MqttClient.builder().version(MqttVersion.V3_1_1)
                .enhancedAuthentication(new EnhancedAuth() {
                    @Override
                    public String method() {
                        return "m";
                    }

                    @Override
                    public byte[] initialData() {
                        return null;
                    }

                    @Override
                    public byte[] respond(byte[] challenge) {
                        return null;
                    }
                }).build()).hasMessage("enhanced authentication needs MQTT 5, not V3_1_1");
    }

    @Test
    @DisplayName("Message.responseTo needs a response topic and copies the correlation data")
    void responseTo() {
        assertThatThrownBy(() -> Message.responseTo(Message.of("req", "x")))
                .hasMessage("the request on req has no response topic to answer on");
        Message request = Message.builder().topic("req").responseTopic("back").correlationData(new byte[] {7}).build();
        Message response = Message.responseTo(request).payload("y").build();
        assertThat(response.topic()).isEqualTo("back");
        assertThat(response.correlationData()).hasValueSatisfying(data -> assertThat(data).containsExactly(7));
    }

    @Test
    @DisplayName("a topic name with a wildcard or a malformed filter is refused where it is written, with the reason")
    void topicsChecked() {
        assertThatThrownBy(() -> Message.of("sensors/+", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topic \"sensors/+\" is not a valid topic name");
        assertThatThrownBy(() -> Message.builder().topic("ok").responseTopic("").build())
                .hasMessageStartingWith("response topic \"\" is not a valid topic name");
        assertThatThrownBy(() -> Subscription.of("a/#/b", io.tern.codec.QoS.AT_MOST_ONCE))
                .hasMessageStartingWith("\"a/#/b\" is not a valid topic filter");
        assertThatThrownBy(() -> Subscription.of("$share//x", io.tern.codec.QoS.AT_MOST_ONCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Subscription.of("$share/group/sensors/+", io.tern.codec.QoS.AT_MOST_ONCE).filter())
                .isEqualTo("$share/group/sensors/+");
    }
}
