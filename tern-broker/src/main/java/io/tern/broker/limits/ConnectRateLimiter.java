package io.tern.broker.limits;

import io.tern.broker.Rate;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate of new connections per source address: a token bucket per address. Memory stays bounded:
 * beyond {@code maxAddresses} addresses, the buckets that are full again (the addresses that have been
 * quiet long enough) are forgotten, and if that is not enough, all of them, which lets a burst through
 * rather than let a flood of addresses grow the map without end.
 *
 * <p>Safe from any thread: connections are accepted on every event loop.
 */
final class ConnectRateLimiter {
    private final Rate rate;
    private final int maxAddresses;
    private final ConcurrentHashMap<InetAddress, TokenBucket> buckets = new ConcurrentHashMap<>();

    ConnectRateLimiter(Rate rate, int maxAddresses) {
        this.rate = rate;
        this.maxAddresses = maxAddresses;
    }

    /** Counts a new connection from {@code address}; returns whether it is within the rate. */
    boolean admit(InetAddress address) {
        long now = System.nanoTime();
        if (buckets.size() >= maxAddresses) {
            forgetQuiet(now);
        }
        TokenBucket bucket = buckets.computeIfAbsent(address, any -> new TokenBucket(rate));
        synchronized (bucket) {
            return bucket.tryTake(now);
        }
    }

    /** The number of addresses remembered. */
    int addresses() {
        return buckets.size();
    }

    private void forgetQuiet(long now) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                return bucket.isFull(now);
            }
        });
        if (buckets.size() >= maxAddresses) {
            buckets.clear();
        }
    }
}
