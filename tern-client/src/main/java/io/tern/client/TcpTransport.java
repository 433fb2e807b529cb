package io.tern.client;

import io.netty.channel.ChannelPipeline;
import io.tern.codec.MqttVersion;

/** Plain TCP: MQTT bytes straight on the socket. */
final class TcpTransport implements Transport {
    static final TcpTransport INSTANCE = new TcpTransport();

    private TcpTransport() {
    }

    @Override
    public int defaultPort() {
        return 1883;
    }

    @Override
    public void configure(ChannelPipeline pipeline, String host, int port, MqttVersion version) {
        // nothing between the socket and the MQTT codec
    }

    @Override
    public String toString() {
        return "tcp";
    }
}
