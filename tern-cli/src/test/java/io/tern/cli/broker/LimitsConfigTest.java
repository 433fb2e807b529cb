package io.tern.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.BrokerConfig;
import io.tern.broker.Rate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The keys of the connection, rate, topic and slow consumer limits in the configuration file. */
class LimitsConfigTest {
    @Test
    void everyLimitIsRead() throws Exception {
        BrokerSettings settings = ConfigFile.parse("tern.yaml", """
                limits:
                  max-connections: 1000
                  max-connect-rate: 20/s
                  max-subscriptions: 50
                  max-topic-length: 1024
                  max-topic-levels: 16
                  max-publish-rate: 10/500ms
                  max-pending-bytes: 65536
                """);

        assertThat(settings.limits()).isEqualTo(BrokerConfig.builder().maxConnections(1000)
                .maxConnectRate(new Rate(20, Duration.ofSeconds(1))).maxSubscriptions(50).maxTopicLength(1024)
                .maxTopicLevels(16).maxPublishRate(new Rate(10, Duration.ofMillis(500))).maxPendingBytes(65_536)
                .build());
    }

    @Test
    void ratesAreACountPerDurationOrUnlimited() throws Exception {
        assertThat(rate("6000/m")).isEqualTo(new Rate(6000, Duration.ofMinutes(1)));
        assertThat(rate("5/10s")).isEqualTo(new Rate(5, Duration.ofSeconds(10)));
        assertThat(rate("unlimited")).isEqualTo(Rate.UNLIMITED);
    }

    @Test
    void aBadLimitIsRefusedWithItsLineAndTheReason() {
        String rateForm = "must be a count per duration such as 100/s, 6000/m or 10/500ms, or unlimited; not ";
        assertError("limits:\n  max-connect-rate: 100\n", "tern.yaml:2: max-connect-rate " + rateForm + "100");
        assertError("limits:\n\n  max-publish-rate: fast\n", "tern.yaml:3: max-publish-rate " + rateForm + "'fast'");
        assertError("limits:\n  max-publish-rate: 0/s\n", "tern.yaml:2: max-publish-rate " + rateForm + "'0/s'");
        assertError("limits:\n  max-publish-rate: 5/0s\n",
                "tern.yaml:2: max-publish-rate must be per a duration of more than 0, not 5/0s");
        assertError("limits:\n  max-connections: -1\n", "tern.yaml:2: max-connections must not be negative, not -1");
        assertError("limits:\n  max-topic-length: 70000\n",
                "tern.yaml:2: max-topic-length must be between 1 and 65535, not 70000");
        assertError("limits:\n  max-topic-levels: -3\n", "tern.yaml:2: max-topic-levels must not be negative, not -3");
        assertError("limits:\n  max-pending-bytes: 0\n", "tern.yaml:2: max-pending-bytes must be at least 1, not 0");
    }

    private static Rate rate(String text) throws ConfigException {
        return ConfigFile.parse("tern.yaml", "limits:\n  max-publish-rate: " + text + "\n").limits().maxPublishRate();
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> ConfigFile.parse("tern.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }
}
