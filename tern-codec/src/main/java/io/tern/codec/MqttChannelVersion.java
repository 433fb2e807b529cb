package io.tern.codec;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The protocol version of a channel, shared by the two directions of its {@link MqttCodec}: set
 * when CONNECT passes, read on a server and written on a client.
 */
public final class MqttChannelVersion {
    private static final AttributeKey<MqttVersion> KEY = AttributeKey.valueOf(MqttChannelVersion.class, "version");

    private MqttChannelVersion() {
    }

    /** The version of the channel, or {@code null} before CONNECT. */
    public static MqttVersion get(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** Fixes the version of the channel. */
    public static void set(Channel channel, MqttVersion version) {
        channel.attr(KEY).set(version);
    }
}
