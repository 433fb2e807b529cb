package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private final Reconnect policy = Reconnect.exponential(Duration.ofMillis(100), Duration.ofSeconds(3));

    @Test
    @DisplayName("the delay doubles per attempt up to the maximum, drawn between half and all of it (jitter)")
    void exponentialWithJitter() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(policy.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(policy.delay(40)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(3));
            assertThat(policy.delay(Integer.MAX_VALUE)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(3));
        }
    }

    @Test
    @DisplayName("delays differ between draws, so clients dropped together do not return together")
    void jitterVaries() {
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> policy.delay(5)).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    @DisplayName("off by default; bad delays are refused with the reason")
    void offByDefaultAndChecked() {
        assertThat(Reconnect.off().isEnabled()).isFalse();
        assertThat(policy.isEnabled()).isTrue();
        assertThatThrownBy(() -> Reconnect.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max >= initial");
        assertThatThrownBy(() -> Reconnect.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
