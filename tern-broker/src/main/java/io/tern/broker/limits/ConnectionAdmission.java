package io.tern.broker.limits;

import io.netty.channel.Channel;
import io.tern.broker.BrokerConfig;
import io.tern.codec.ReasonCode;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, as a connection is accepted, whether the broker takes it: within the maximum number of
 * connections open at once, and within the rate of new connections from its source address. The
 * refusal itself is answered at the client's CONNECT, with a reason code the client understands
 * (MQTT 5 section 3.2.2.2): 0x97 (quota exceeded, "an implementation or administrative imposed limit
 * has been exceeded") for too many connections, 0x9F (connection rate exceeded) for too fast; MQTT 3
 * clients get return code 3 (server unavailable) for both.
 *
 * <p>One per broker, shared by every event loop.
 */
public final class ConnectionAdmission {
    /** Source addresses whose connect rate is remembered at most. */
    static final int MAX_ADDRESSES = 65_536;

    private final int maxConnections;
    private final ConnectRateLimiter connectRate;
    private final AtomicInteger open = new AtomicInteger();

    /** The admission of a broker with these limits. */
    public ConnectionAdmission(BrokerConfig config) {
        this.maxConnections = config.maxConnections();
        this.connectRate = config.maxConnectRate().isUnlimited() ? null
                : new ConnectRateLimiter(config.maxConnectRate(), MAX_ADDRESSES);
    }

    /**
     * Counts a new connection as open until it closes (if the number is limited), and decides whether
     * it is admitted.
     *
     * @return {@code null} if it is, or the reason code of its refusal
     */
    public ReasonCode admit(Channel channel) {
        if (maxConnections > 0) {
            int count = open.incrementAndGet();
            channel.closeFuture().addListener(closed -> open.decrementAndGet());
            if (count > maxConnections) {
                return ReasonCode.QUOTA_EXCEEDED;
            }
        }
        if (connectRate != null && channel.remoteAddress() instanceof InetSocketAddress remote
                && !connectRate.admit(remote.getAddress())) {
            return ReasonCode.CONNECTION_RATE_EXCEEDED;
        }
        return null;
    }

    /** What a refusal of {@link #admit} means, for the log and the MQTT 5 reason string. */
    public String describe(ReasonCode refusal) {
        return refusal == ReasonCode.QUOTA_EXCEEDED
                ? "more than " + maxConnections + " connections open"
                : "connecting faster than the broker's maximum connect rate from its address";
    }
}
