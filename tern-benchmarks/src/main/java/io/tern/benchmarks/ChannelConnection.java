package io.tern.benchmarks;

import io.netty.channel.Channel;
import io.tern.broker.auth.ClientInfo;
import io.tern.broker.routing.Message;
import io.tern.broker.session.ClientConnection;
import io.tern.broker.sys.BrokerMetrics;
import io.tern.codec.MqttChannelVersion;
import io.tern.codec.MqttVersion;
import io.tern.codec.QoS;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;

/**
 * A {@link ClientConnection} that writes to a channel the way the broker's own connection does:
 * counts each PUBLISH, writes with the void promise and does not flush (the benchmark flushes, as
 * the broker's flush batcher would once per batch). It keeps the packet identifier of the last
 * PUBLISH so that a benchmark can acknowledge it.
 */
final class ChannelConnection implements ClientConnection {
    private final Channel channel;
    private final BrokerMetrics metrics;
    private final ClientInfo client;
    private final MqttVersion version;
    private int lastPacketId;

    ChannelConnection(Channel channel, String clientId, MqttVersion version, BrokerMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
        this.version = version;
        this.client = new ClientInfo(clientId, null, null);
        MqttChannelVersion.set(channel, version);
    }

    @Override
    public void send(MqttPacket packet) {
        if (packet instanceof Publish publish) {
            metrics.messageSent();
            lastPacketId = publish.packetId();
        }
        channel.write(packet, channel.voidPromise());
    }

    /** The packet identifier of the last PUBLISH written, 0 for QoS 0. */
    int lastPacketId() {
        return lastPacketId;
    }

    @Override
    public MqttVersion version() {
        return version;
    }

    @Override
    public int receiveMaximum() {
        return 0xFFFF;
    }

    @Override
    public boolean fits(Message message, QoS qos, boolean retain) {
        return true; // no Maximum Packet Size, as for most clients
    }

    /** Like the broker's connection: a write batch larger than the mark is flushed before it counts as slow. */
    @Override
    public boolean writable() {
        if (!channel.isWritable()) {
            channel.flush();
        }
        return channel.isWritable();
    }

    @Override
    public ClientInfo client() {
        return client;
    }

    @Override
    public void closeForTakeover() {
        channel.close();
    }
}
