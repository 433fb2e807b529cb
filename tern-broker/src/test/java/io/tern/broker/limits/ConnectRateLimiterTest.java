package io.tern.broker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.Rate;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The connect rate per source address, and the memory it takes. */
class ConnectRateLimiterTest {
    @Test
    @DisplayName("each address has its own bucket: a burst of the rate's count, then refusals")
    void eachAddressHasItsOwnBurst() throws UnknownHostException {
        ConnectRateLimiter limiter = new ConnectRateLimiter(new Rate(3, Duration.ofHours(1)), 100);
        InetAddress first = address(1);
        InetAddress second = address(2);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(first)).isTrue();
        }
        assertThat(limiter.admit(first)).isFalse();
        assertThat(limiter.admit(second)).as("another address").isTrue();
    }

    @Test
    @DisplayName("a flood of addresses is remembered up to the maximum only")
    void addressesRememberedAreBounded() throws UnknownHostException {
        ConnectRateLimiter limiter = new ConnectRateLimiter(new Rate(3, Duration.ofHours(1)), 1000);
        for (int i = 0; i < 50_000; i++) {
            limiter.admit(address(i));
            assertThat(limiter.addresses()).isLessThanOrEqualTo(1000);
        }
    }

    private static InetAddress address(int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
    }
}
