package io.tern.broker.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttPacketEncoder;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Connack;
import io.tern.codec.packet.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands before the protocol handler of a connection the broker did not admit (too many connections,
 * too fast from its address): answers its CONNECT with CONNACK and the reason code, then closes. What
 * is not a CONNECT (a violation, the connect timeout) goes on to the protocol handler, which ends the
 * connection as it ends any other.
 */
final class RefusedAtConnect extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedAtConnect.class);

    private final ReasonCode refusal;
    private final String reason;

    RefusedAtConnect(ReasonCode refusal, String reason) {
        this.refusal = refusal;
        this.reason = reason;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Connect connect)) {
            ctx.fireChannelRead(msg);
            return;
        }
        LOG.info("Refused client {} from {}: {} ({})", connect.clientId(), ctx.channel().remoteAddress(), reason,
                refusal);
        Connack connack = new Connack(false, refusal, MqttProperties.EMPTY);
        if (connect.version().isV5()) {
            // the reason string only if CONNACK stays within the client's maximum packet size [MQTT-3.2.2-19]
            Connack withReason = new Connack(false, refusal,
                    MqttProperties.builder().set(PropertyId.REASON_STRING, reason).build());
            long maximum = connect.properties().longValue(PropertyId.MAXIMUM_PACKET_SIZE,
                    MqttPacketDecoder.MAX_PACKET_SIZE);
            if (MqttPacketEncoder.encodedSize(withReason, connect.version()) <= maximum) {
                connack = withReason;
            }
        }
        ctx.writeAndFlush(connack);
        ctx.close();
    }
}
