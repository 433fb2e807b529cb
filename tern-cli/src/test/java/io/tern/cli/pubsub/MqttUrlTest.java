package io.tern.cli.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The -L URL of mosquitto's clients. */
class MqttUrlTest {
    @Test
    void everyPart() {
        assertThat(MqttUrl.parse("mqtt://alice:s3cret@broker.example:1884/sensors/+/temp"))
                .isEqualTo(new MqttUrl("mqtt", "alice", "s3cret", "broker.example", 1884, "sensors/+/temp", null));
    }

    @Test
    void portDefaultsTo1883AndCredentialsAreOptional() {
        assertThat(MqttUrl.parse("mqtt://127.0.0.1/a")).isEqualTo(new MqttUrl("mqtt", null, null, "127.0.0.1", 1883, "a", null));
        assertThat(MqttUrl.parse("mqtt://bob@h/#")).isEqualTo(new MqttUrl("mqtt", "bob", null, "h", 1883, "#", null));
    }

    @Test
    void ipv6Host() {
        assertThat(MqttUrl.parse("mqtt://[::1]:1900/t")).isEqualTo(new MqttUrl("mqtt", null, null, "::1", 1900, "t", null));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatIllegalArgumentException().isThrownBy(() -> MqttUrl.parse("mqtt://host:1883"))
                .withMessageContaining("is not mqtt://[user[:password]@]host[:port]/topic");
        assertThatIllegalArgumentException().isThrownBy(() -> MqttUrl.parse("mqtt://host:70000/t"))
                .withMessageContaining("the port must be between 1 and 65535, not 70000");
        assertThatIllegalArgumentException().isThrownBy(() -> MqttUrl.parse("http://host/t"))
                .withMessageContaining("the scheme must be mqtt://, mqtts://, ws:// or wss://, not http://");
        assertThatIllegalArgumentException().isThrownBy(() -> MqttUrl.parse("mqtts://host:8884/"))
                .withMessageContaining("is not mqtts://[user[:password]@]host[:port]/topic");
    }

    @Test
    void tlsAndWebSocketSchemesWithTheirDefaultPorts() {
        MqttUrl mqtts = MqttUrl.parse("mqtts://broker.example/a/b");
        assertThat(mqtts).isEqualTo(new MqttUrl("mqtts", null, null, "broker.example", 8883, "a/b", null));
        assertThat(mqtts.tls()).isTrue();
        MqttUrl ws = MqttUrl.parse("ws://u:p@h:9001/mqtt/ws");
        assertThat(ws).isEqualTo(new MqttUrl("ws", "u", "p", "h", 9001, null, "/mqtt/ws"));
        assertThat(ws.tls()).isFalse();
        assertThat(MqttUrl.parse("wss://h")).isEqualTo(new MqttUrl("wss", null, null, "h", 443, null, "/mqtt"));
        assertThat(MqttUrl.parse("ws://h/").port()).isEqualTo(80);
    }
}
