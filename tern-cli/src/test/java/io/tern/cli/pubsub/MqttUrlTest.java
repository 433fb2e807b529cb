package io.tern.cli.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The -L URL of mosquitto's clients. */
class MqttUrlTest {
    @Test
    void everyPart() {
        assertThat(MqttUrl.parse("mqtt://alice:s3cret@broker.example:1884/sensors/+/temp"))
                .isEqualTo(new MqttUrl("alice", "s3cret", "broker.example", 1884, "sensors/+/temp"));
    }

    @Test
    void portDefaultsTo1883AndCredentialsAreOptional() {
        assertThat(MqttUrl.parse("mqtt://127.0.0.1/a")).isEqualTo(new MqttUrl(null, null, "127.0.0.1", 1883, "a"));
        assertThat(MqttUrl.parse("mqtt://bob@h/#")).isEqualTo(new MqttUrl("bob", null, "h", 1883, "#"));
    }

    @Test
    void ipv6Host() {
        assertThat(MqttUrl.parse("mqtt://[::1]:1900/t")).isEqualTo(new MqttUrl(null, null, "::1", 1900, "t"));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatIllegalArgumentException().isThrownBy(() -> MqttUrl.parse("mqtt://host:1883"))
                .withMessageContaining("is not mqtt://[user[:password]@]host[:port]/topic");
        assertThatIllegalArgumentException().isThrownBy(() -> MqttUrl.parse("mqtt://host:70000/t"))
                .withMessageContaining("the port must be between 1 and 65535, not 70000");
        assertThatIllegalArgumentException().isThrownBy(() -> MqttUrl.parse("ws://host/t"))
                .withMessageContaining("the scheme must be mqtt://, not ws://");
    }
}
