package io.tern.broker.transport;

import io.tern.codec.ReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the first refusal of each kind on one connection, so that a client that keeps running into a
 * limit says so once, not once per packet.
 */
final class LimitLog {
    private static final Logger LOG = LoggerFactory.getLogger(LimitLog.class);

    /** The reason codes logged so far, by ordinal: there are fewer than 64. */
    private long logged;

    /** Logs that {@code clientId} ran into a limit, answered with {@code code}, unless it did before. */
    void refused(ReasonCode code, String clientId, String reason) {
        long bit = 1L << code.ordinal();
        if ((logged & bit) == 0) {
            logged |= bit;
            LOG.info("Client {}: {} ({}); further refusals of this kind are not logged", clientId, reason, code);
        }
    }
}
