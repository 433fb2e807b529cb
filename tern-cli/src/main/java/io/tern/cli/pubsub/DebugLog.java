package io.tern.cli.pubsub;

import io.tern.client.PacketListener;
import io.tern.codec.ConnectReturnCodes;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.PubAck;
import io.tern.codec.packet.PubComp;
import io.tern.codec.packet.PubRec;
import io.tern.codec.packet.PubRel;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Suback;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsubscribe;
import java.io.PrintStream;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The lines of {@code -d}: each packet sent and received, in the words of libmosquitto's debug log
 * ("Client ID sending PUBLISH (d0, q1, r0, m1, 'topic', ... (5 bytes))", "Client ID received PUBACK (Mid: 1,
 * RC:0)") and mosquitto_sub's "Subscribed (mid: 1): 1", on standard output as the packets pass.
 */
public final class DebugLog implements PacketListener {
    private final PrintStream out;
    private final Supplier<String> clientId;
    private final boolean v5;
    /** libmosquitto numbers QoS 0 publishes too, though no identifier goes on the wire; counted here alike. */
    private int qos0Publishes;

    /** Lines about the client {@code clientId} names, on a connection that is MQTT 5 if {@code v5}, to {@code out}. */
    public DebugLog(PrintStream out, Supplier<String> clientId, boolean v5) {
        this.out = out;
        this.clientId = clientId;
        this.v5 = v5;
    }

    @Override
    public void sending(MqttPacket packet) {
        if (packet instanceof Publish publish) {
            int mid = publish.packetId() == 0 ? ++qos0Publishes : publish.packetId();
            line("sending PUBLISH " + describe(publish, mid));
        } else if (packet instanceof Subscribe subscribe) {
            for (Subscription subscription : subscribe.subscriptions()) {
                line("sending SUBSCRIBE (Mid: " + subscribe.packetId() + ", Topic: " + subscription.topicFilter()
                        + ", QoS: " + subscription.qos().value() + ", Options: 0x" + hex(options(subscription)) + ")");
            }
        } else if (packet instanceof Unsubscribe unsubscribe) {
            for (String filter : unsubscribe.topicFilters()) {
                line("sending UNSUBSCRIBE (Mid: " + unsubscribe.packetId() + ", Topic: " + filter + ")");
            }
        } else if (packet instanceof PubAck ack) {
            line("sending PUBACK (m" + ack.packetId() + ", rc" + ack.reasonCode().value() + ")");
        } else if (packet instanceof PubRec rec) {
            line("sending PUBREC (m" + rec.packetId() + ", rc" + rec.reasonCode().value() + ")");
        } else if (packet instanceof PubRel rel) {
            line("sending PUBREL (m" + rel.packetId() + ")");
        } else if (packet instanceof PubComp comp) {
            line("sending PUBCOMP (m" + comp.packetId() + ")");
        } else {
            line("sending " + packet.type());
        }
    }

    @Override
    public void received(MqttPacket packet) {
        if (packet instanceof Publish publish) {
            line("received PUBLISH " + describe(publish, publish.packetId()));
        } else if (packet instanceof Connack connack) {
            line("received CONNACK (" + (v5 ? connack.reasonCode().value()
                    : ConnectReturnCodes.toReturnCode(connack.reasonCode())) + ")");
        } else if (packet instanceof PubAck ack) {
            line("received PUBACK (Mid: " + ack.packetId() + ", RC:" + ack.reasonCode().value() + ")");
        } else if (packet instanceof PubComp comp) {
            line("received PUBCOMP (Mid: " + comp.packetId() + ", RC:" + comp.reasonCode().value() + ")");
        } else if (packet instanceof PubRec rec) {
            line("received PUBREC (Mid: " + rec.packetId() + ")");
        } else if (packet instanceof PubRel rel) {
            line("received PUBREL (Mid: " + rel.packetId() + ")");
        } else if (packet instanceof Suback suback) {
            line("received SUBACK");
            print("Subscribed (mid: " + suback.packetId() + "): " + suback.reasonCodes().stream()
                    .map(code -> Integer.toString(code.value())).collect(Collectors.joining(", ")));
        } else {
            line("received " + packet.type());
        }
    }

    private static String describe(Publish publish, int mid) {
        return "(d" + (publish.dup() ? 1 : 0) + ", q" + publish.qos().value() + ", r" + (publish.retained() ? 1 : 0)
                + ", m" + mid + ", '" + publish.topic() + "', ... (" + publish.payload().readableBytes() + " bytes))";
    }

    /** The subscription options byte without the QoS bits, as libmosquitto prints it. */
    private static int options(Subscription subscription) {
        return (subscription.noLocal() ? 0x04 : 0) | (subscription.retainAsPublished() ? 0x08 : 0)
                | subscription.retainHandling().value() << 4;
    }

    private static String hex(int value) {
        return String.format("%02x", value);
    }

    private void line(String text) {
        print("Client " + clientId.get() + " " + text);
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
