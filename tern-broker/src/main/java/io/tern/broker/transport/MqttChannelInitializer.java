package io.tern.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.tern.broker.BrokerContext;
import io.tern.broker.limits.ConnectionAdmission;
import io.tern.broker.limits.TopicLimits;
import io.tern.broker.sys.BrokerMetrics;
import io.tern.codec.MqttCodec;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.ReasonCode;
import io.tern.codec.TrafficCounter;

/** The pipeline of a client connection: the codec, then the protocol. */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {
    /**
     * The largest packet accepted before CONNECT, when the broker's maximum packet size is larger: a
     * client not yet known could otherwise make the broker buffer up to 256 MiB for a CONNECT that
     * never ends. A CONNECT's strings and binary data are at most 64 KiB each.
     */
    static final int MAX_CONNECT_SIZE = 1024 * 1024;

    private final BrokerContext broker;
    private final ChannelGroup clients;
    /** Counts every connection's bytes into the broker's metrics, for {@code $SYS}. */
    private final TrafficCounter traffic;
    private final ConnectionAdmission admission;
    private final TopicLimits topicLimits;
    /** Beyond its high mark, a client is a slow consumer; below its low mark (half), no longer. */
    private final WriteBufferWaterMark pendingBytes;

    /**
     * An initializer for the connections of a broker.
     *
     * @param broker  what connections share
     * @param clients the group every client channel joins, so that the broker can close them all
     */
    public MqttChannelInitializer(BrokerContext broker, ChannelGroup clients) {
        this.broker = broker;
        this.clients = clients;
        this.admission = new ConnectionAdmission(broker.config());
        this.topicLimits = new TopicLimits(broker.config());
        int maxPending = broker.config().maxPendingBytes();
        this.pendingBytes = new WriteBufferWaterMark(maxPending / 2, maxPending);
        BrokerMetrics metrics = broker.metrics();
        this.traffic = new TrafficCounter() {
            @Override
            public void received(int bytes) {
                metrics.bytesReceived(bytes);
            }

            @Override
            public void sent(int bytes) {
                metrics.bytesSent(bytes);
            }
        };
    }

    /** Ends a client connection because the broker stops: an MQTT 5 client is told so with DISCONNECT 0x8B. */
    public static void closeForShutdown(Channel channel) {
        MqttConnection connection = channel.pipeline().get(MqttConnection.class);
        if (connection == null) {
            channel.close();
        } else {
            channel.eventLoop().execute(connection::closeForShutdown);
        }
    }

    @Override
    protected void initChannel(Channel channel) {
        clients.add(channel);
        channel.config().setWriteBufferWaterMark(pendingBytes);
        channel.pipeline()
                .addLast("codec", new MqttCodec(MqttPacketDecoder.Role.SERVER,
                        Math.min(broker.config().maxPacketSize(), MAX_CONNECT_SIZE), traffic));
        ReasonCode refusal = admission.admit(channel);
        if (refusal != null) {
            channel.pipeline().addLast("refused", new RefusedAtConnect(refusal, admission.describe(refusal)));
        }
        channel.pipeline().addLast("mqtt", new MqttConnection(broker, topicLimits));
    }
}
