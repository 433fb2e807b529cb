package io.tern.codec.v311;

import static io.tern.codec.v311.Wire.bytes;
import static io.tern.codec.v311.Wire.connect;
import static io.tern.codec.v311.Wire.packet;
import static io.tern.codec.v311.Wire.str;
import static io.tern.codec.v311.Wire.u16;

import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.MqttVersion;
import io.tern.codec.PacketType;
import io.tern.codec.QoS;
import io.tern.codec.packet.Connect;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import io.tern.codec.packet.Subscribe;
import io.tern.codec.packet.Subscription;
import io.tern.codec.packet.Unsubscribe;
import io.tern.codec.packet.Will;
import java.util.List;

/**
 * The UTF-8 Encoded String fields of MQTT 3.1 / 3.1.1 that a server receives, each with the statement that makes it
 * a UTF-8 string, and a packet that holds nothing but that field worth checking.
 */
enum StringField {
    CLIENT_ID(PacketType.CONNECT, "client identifier", "[MQTT-3.1.3-4]") {
        @Override
        byte[] packetWith(MqttVersion version, byte[] raw) {
            return connect(version, 0x02, str(raw));
        }

        @Override
        String read(MqttPacket packet) {
            return ((Connect) packet).clientId();
        }

        @Override
        MqttPacket packetWith(MqttVersion version, String value) {
            return new Connect(version, value, true, 60, null, null, null, MqttProperties.EMPTY);
        }
    },
    WILL_TOPIC(PacketType.CONNECT, "will topic", "[MQTT-3.1.3-10]") {
        @Override
        byte[] packetWith(MqttVersion version, byte[] raw) {
            return connect(version, 0x06, str("c"), str(raw), str("bye"));
        }

        @Override
        String read(MqttPacket packet) {
            return ((Connect) packet).will().topic();
        }

        @Override
        MqttPacket packetWith(MqttVersion version, String value) {
            return new Connect(version, "c", true, 60, null, null,
                    new Will(value, bytes('b', 'y', 'e'), QoS.AT_MOST_ONCE, false, MqttProperties.EMPTY),
                    MqttProperties.EMPTY);
        }
    },
    USER_NAME(PacketType.CONNECT, "user name", "[MQTT-3.1.3-11]") {
        @Override
        byte[] packetWith(MqttVersion version, byte[] raw) {
            return connect(version, 0x82, str("c"), str(raw));
        }

        @Override
        String read(MqttPacket packet) {
            return ((Connect) packet).username();
        }

        @Override
        MqttPacket packetWith(MqttVersion version, String value) {
            return new Connect(version, "c", true, 60, value, null, null, MqttProperties.EMPTY);
        }
    },
    TOPIC_NAME(PacketType.PUBLISH, "PUBLISH topic name", "[MQTT-3.3.2-1]") {
        @Override
        byte[] packetWith(MqttVersion version, byte[] raw) {
            return packet(0x30, str(raw), bytes('x'));
        }

        @Override
        String read(MqttPacket packet) {
            return ((Publish) packet).topic();
        }

        @Override
        MqttPacket packetWith(MqttVersion version, String value) {
            return new Publish(value, QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY, Wire.payload("x"));
        }
    },
    SUBSCRIBE_FILTER(PacketType.SUBSCRIBE, "SUBSCRIBE topic filter", "[MQTT-3.8.3-1]") {
        @Override
        byte[] packetWith(MqttVersion version, byte[] raw) {
            return packet(0x82, u16(7), str(raw), bytes(1));
        }

        @Override
        String read(MqttPacket packet) {
            return ((Subscribe) packet).subscriptions().get(0).topicFilter();
        }

        @Override
        MqttPacket packetWith(MqttVersion version, String value) {
            return new Subscribe(7, List.of(new Subscription(value, QoS.AT_LEAST_ONCE)), MqttProperties.EMPTY);
        }
    },
    UNSUBSCRIBE_FILTER(PacketType.UNSUBSCRIBE, "UNSUBSCRIBE topic filter", "[MQTT-3.10.3-1]") {
        @Override
        byte[] packetWith(MqttVersion version, byte[] raw) {
            return packet(0xA2, u16(7), str(raw));
        }

        @Override
        String read(MqttPacket packet) {
            return ((Unsubscribe) packet).topicFilters().get(0);
        }

        @Override
        MqttPacket packetWith(MqttVersion version, String value) {
            return new Unsubscribe(7, List.of(value), MqttProperties.EMPTY);
        }
    };

    private final PacketType type;
    private final String label;
    private final String utf8Id;

    StringField(PacketType type, String label, String utf8Id) {
        this.type = type;
        this.label = label;
        this.utf8Id = utf8Id;
    }

    /** The statement that makes this field a UTF-8 Encoded String. */
    String utf8Id() {
        return utf8Id;
    }

    /** The packet that carries the field. */
    PacketType type() {
        return type;
    }

    /** Whether the field is a topic name, where wildcards are not allowed. */
    boolean isTopicName() {
        return this == WILL_TOPIC || this == TOPIC_NAME;
    }

    /** Whether the field is a topic filter. */
    boolean isTopicFilter() {
        return this == SUBSCRIBE_FILTER || this == UNSUBSCRIBE_FILTER;
    }

    /** The bytes of a valid packet whose field holds exactly {@code raw} (after its length). */
    abstract byte[] packetWith(MqttVersion version, byte[] raw);

    /** The field of a decoded packet. */
    abstract String read(MqttPacket packet);

    /** A packet record whose field is {@code value}, for the encoder. */
    abstract MqttPacket packetWith(MqttVersion version, String value);

    /** A server's decoder for the packet: before CONNECT for CONNECT, on a connection of {@code version} else. */
    MqttPacketDecoder decoder(MqttVersion version) {
        return Wire.server(type == PacketType.CONNECT ? null : version);
    }

    @Override
    public String toString() {
        return label;
    }
}
