package io.tern.broker.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tern.codec.MqttPacketDecoder;
import io.tern.codec.MqttVersion;
import io.tern.codec.packet.MqttPacket;
import io.tern.codec.packet.Publish;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A bare MQTT client over a blocking socket, for tests that must send exactly the bytes they mean
 * (protocol violations included) and see exactly what the broker answers. Packets it reads are
 * decoded by Tern's own strict decoder in the client role.
 */
public final class RawClient implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final MqttPacketDecoder decoder = new MqttPacketDecoder(MqttPacketDecoder.Role.CLIENT,
            MqttPacketDecoder.MAX_PACKET_SIZE);
    private final ByteBuf received = Unpooled.buffer();
    private MqttVersion version = MqttVersion.V3_1_1;

    /** Connects a socket to the broker on 127.0.0.1. */
    public RawClient(int port) {
        this(port, 0);
    }

    /**
     * Connects a socket to the broker on 127.0.0.1 with a receive buffer of about {@code receiveBufferSize}
     * bytes (0 for the system's default), small for a client that is to fall behind.
     */
    public RawClient(int port, int receiveBufferSize) {
        try {
            socket = new Socket();
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        decoder.version(version);
    }

    /** The local port of the socket, which the broker sees as the client's. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** The protocol version used to encode and decode packets after CONNECT (3.1.1 by default). */
    public RawClient version(MqttVersion version) {
        this.version = version;
        decoder.version(version);
        return this;
    }

    /** Sends a packet encoded in the client's version (a CONNECT in its own). */
    public RawClient send(MqttPacket packet) {
        return sendBytes(Packets.encode(packet, version));
    }

    /** Sends raw bytes. */
    public RawClient sendBytes(byte... bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends bytes written in hexadecimal, spaces allowed: {@code "10 0c 00 04 4d 51 54 54"}. */
    public RawClient sendHex(String hex) {
        return sendBytes(Hex.bytes(hex));
    }

    /**
     * The next packet from the broker, waiting up to 10 seconds. The payload of a PUBLISH is a copy
     * of its own, so later reads into the buffer cannot overwrite it.
     *
     * @throws AssertionError if the connection closes or nothing arrives in time
     */
    public MqttPacket receive() {
        while (true) {
            MqttPacket packet = decoder.decode(received);
            if (packet != null) {
                if (packet instanceof Publish publish) {
                    packet = publish.copy();
                    publish.release();
                }
                received.discardReadBytes();
                return packet;
            }
            if (!readMore()) {
                throw new AssertionError("the broker closed the connection instead of sending a packet");
            }
        }
    }

    /** The next packet, which must be of the given class. */
    public <T extends MqttPacket> T receive(Class<T> type) {
        MqttPacket packet = receive();
        if (!type.isInstance(packet)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but received " + packet);
        }
        return type.cast(packet);
    }

    /**
     * Whether the broker closes the connection within 10 seconds without sending anything more
     * (bytes that arrive first make it false).
     */
    public boolean closedWithoutData() {
        if (received.isReadable()) {
            return false;
        }
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the broker
        }
    }

    /**
     * Reads packets until the broker closes the connection, up to 10 seconds.
     *
     * @return whether it closed
     */
    public boolean awaitClose() {
        try {
            while (true) {
                MqttPacket packet = decoder.decode(received);
                if (packet != null) {
                    io.netty.util.ReferenceCountUtil.release(packet);
                    continue;
                }
                if (!readMore()) {
                    return true;
                }
            }
        } catch (AssertionError e) {
            return false;
        }
    }

    private boolean readMore() {
        byte[] chunk = new byte[8192];
        try {
            int n = in.read(chunk);
            if (n < 0) {
                return false;
            }
            received.writeBytes(chunk, 0, n);
            return true;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the broker within " + READ_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (received.refCnt() > 0) { // closing twice is harmless
                received.release();
            }
        }
    }
}
