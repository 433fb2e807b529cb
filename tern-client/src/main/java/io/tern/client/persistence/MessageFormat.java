package io.tern.client.persistence;

import io.tern.client.Message;
import io.tern.codec.QoS;
import io.tern.codec.UserProperty;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** The bytes of a message in a persistence file, starting with a format version. */
final class MessageFormat {
    private static final int VERSION = 1;

    private MessageFormat() {
    }

    static byte[] write(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + message.payloadLength());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(message.topic());
            out.writeByte(message.qos().value());
            out.writeBoolean(message.retain());
            out.writeLong(message.messageExpiry().map(Duration::getSeconds).orElse(-1L));
            writeOptional(out, message.contentType().orElse(null));
            out.writeBoolean(message.isUtf8Payload());
            writeOptional(out, message.responseTopic().orElse(null));
            writeBytes(out, message.correlationData().orElse(null));
            out.writeInt(message.userProperties().size());
            for (UserProperty property : message.userProperties()) {
                out.writeUTF(property.name());
                out.writeUTF(property.value());
            }
            writeBytes(out, message.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Message read(byte[] data, Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException(file + " has format version " + version + ", this client reads " + VERSION);
            }
            Message.Builder message = Message.builder().topic(in.readUTF()).qos(QoS.of(in.readUnsignedByte()))
                    .retain(in.readBoolean());
            long expiry = in.readLong();
            if (expiry >= 0) {
                message.messageExpiry(Duration.ofSeconds(expiry));
            }
            String contentType = readOptional(in);
            if (contentType != null) {
                message.contentType(contentType);
            }
            message.utf8Payload(in.readBoolean());
            String responseTopic = readOptional(in);
            if (responseTopic != null) {
                message.responseTopic(responseTopic);
            }
            byte[] correlation = readBytes(in);
            if (correlation != null) {
                message.correlationData(correlation);
            }
            int userProperties = in.readInt();
            for (int i = 0; i < userProperties; i++) {
                message.userProperty(in.readUTF(), in.readUTF());
            }
            return message.payload(readBytes(in)).build();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the message in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeOptional(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeBytes(DataOutputStream out, byte[] data) throws IOException {
        out.writeInt(data == null ? -1 : data.length);
        if (data != null) {
            out.write(data);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return data;
    }
}
