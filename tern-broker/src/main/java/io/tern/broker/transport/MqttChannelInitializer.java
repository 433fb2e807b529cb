package io.tern.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.tern.broker.BrokerContext;
import io.tern.codec.MqttDecoder;
import io.tern.codec.MqttEncoder;
import io.tern.codec.MqttPacketDecoder;

/** The pipeline of a client connection: decoder, encoder, then the protocol. */
public final class MqttChannelInitializer extends ChannelInitializer<Channel> {
    private final BrokerContext broker;
    private final ChannelGroup clients;
    private final ByteCounter byteCounter;

    /**
     * An initializer for the connections of a broker.
     *
     * @param broker  what connections share
     * @param clients the group every client channel joins, so that the broker can close them all
     */
    public MqttChannelInitializer(BrokerContext broker, ChannelGroup clients) {
        this.broker = broker;
        this.clients = clients;
        this.byteCounter = new ByteCounter(broker.metrics());
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
        channel.pipeline()
                .addLast("bytes", byteCounter)
                .addLast("decoder", new MqttDecoder(MqttPacketDecoder.Role.SERVER, broker.config().maxPacketSize()))
                .addLast("encoder", new MqttEncoder())
                .addLast("mqtt", new MqttConnection(broker));
    }
}
