package io.tern.client.internal;

import io.netty.channel.Channel;
import io.tern.client.Message;
import io.tern.codec.QoS;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import java.util.HashSet;
import java.util.Set;

/**
 * The inbound QoS flows: a message goes to its handlers' lanes, then is acknowledged (PUBACK for QoS 1,
 * PUBREC for QoS 2); a QoS 2 message is delivered once, however often it comes before its PUBREL
 * [MQTT-4.3.3-10]. The identifiers awaiting PUBREL belong to the session; a server that leaves more of
 * them than the client's Receive Maximum broke flow control [MQTT-3.3.4-9]. Used on the event loop only.
 */
final class InboundFlow {
    private final Dispatcher dispatcher;
    private final Set<Integer> awaitingRelease = new HashSet<>();
    private final int receiveMaximum;

    InboundFlow(Dispatcher dispatcher, int receiveMaximum) {
        this.dispatcher = dispatcher;
        this.receiveMaximum = receiveMaximum;
    }

    /**
     * Delivers and acknowledges a PUBLISH, and releases it.
     *
     * @return {@code false} if it is a new QoS 2 message beyond the receive maximum: not delivered, the
     *         connection is to be closed with reason code 0x93
     */
    boolean received(Channel channel, Publish publish) {
        if (publish.qos() == QoS.EXACTLY_ONCE && awaitingRelease.size() >= receiveMaximum
                && !awaitingRelease.contains(publish.packetId())) {
            publish.release();
            return false;
        }
        Message message;
        try {
            message = Messages.fromPublish(publish);
        } finally {
            publish.release();
        }
        switch (publish.qos()) {
            case AT_MOST_ONCE -> dispatcher.dispatch(message);
            case AT_LEAST_ONCE -> {
                dispatcher.dispatch(message);
                channel.write(new PubAck(publish.packetId()), channel.voidPromise());
            }
            case EXACTLY_ONCE -> {
                if (awaitingRelease.add(publish.packetId())) {
                    dispatcher.dispatch(message);
                }
                channel.write(new PubRec(publish.packetId()), channel.voidPromise());
            }
        }
        return true;
    }

    /** Completes a QoS 2 delivery: the identifier is free for a new message. */
    void released(Channel channel, PubRel pubRel) {
        awaitingRelease.remove(pubRel.packetId());
        channel.write(new PubComp(pubRel.packetId()), channel.voidPromise());
    }

    /** Forgets the session's state, as a new session starts. */
    void newSession() {
        awaitingRelease.clear();
    }
}
