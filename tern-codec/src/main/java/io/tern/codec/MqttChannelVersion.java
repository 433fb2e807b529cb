package io.tern.codec;

import io.netty.channel.Channel;

/**
 * The protocol version of a channel, as the {@link MqttCodec} in its pipeline knows it: set when
 * CONNECT passes, read on a server and written on a client. The codec keeps it, not a channel
 * attribute, so that an idle connection carries no attribute map.
 */
public final class MqttChannelVersion {
    private MqttChannelVersion() {
    }

    /** The version of the channel, or {@code null} before CONNECT or without a codec. */
    public static MqttVersion get(Channel channel) {
        MqttCodec codec = channel.pipeline().get(MqttCodec.class);
        return codec == null ? null : codec.version();
    }

    /**
     * Fixes the version of the channel's codec.
     *
     * @throws IllegalStateException if the channel has no {@link MqttCodec}
     */
    public static void set(Channel channel, MqttVersion version) {
        MqttCodec codec = channel.pipeline().get(MqttCodec.class);
        if (codec == null) {
            throw new IllegalStateException("no MqttCodec in the pipeline of " + channel);
        }
        codec.version(version);
    }
}
