package io.tern.broker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.Rate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The token bucket, on a clock the test gives it. */
class TokenBucketTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    @DisplayName("10/s: a burst of 10, then one token every 100 ms")
    void burstThenSteadyRate() {
        TokenBucket bucket = new TokenBucket(new Rate(10, Duration.ofSeconds(1)));
        long now = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryTake(now)).as("token %d of the burst", i).isTrue();
        }
        assertThat(bucket.tryTake(now)).isFalse();
        assertThat(bucket.tryTake(now + SECOND / 10 - 1)).isFalse();
        assertThat(bucket.tryTake(now + SECOND / 10)).isTrue();
        assertThat(bucket.isFull(now + SECOND / 10)).isFalse();
        assertThat(bucket.isFull(now + SECOND + SECOND / 10)).isTrue();
    }

    @Test
    @DisplayName("taking beyond the tokens runs into debt; each take says how long until the bucket has a token again")
    void debtTellsTheWait() {
        TokenBucket bucket = new TokenBucket(new Rate(10, Duration.ofSeconds(1)));
        long now = System.nanoTime();
        for (int i = 0; i < 9; i++) {
            assertThat(bucket.take(now)).isZero();
        }
        assertThat(bucket.take(now)).as("the last token of the burst").isEqualTo(SECOND / 10);
        assertThat(bucket.take(now)).as("one in debt").isEqualTo(2 * SECOND / 10);
        assertThat(bucket.delayNanos(now + SECOND / 10)).isEqualTo(SECOND / 10);
        assertThat(bucket.tryTake(now + 2 * SECOND / 10)).isTrue();
    }
}
