package io.tern.codec;

/** Told the bytes an {@link MqttCodec} reads and writes, for statistics such as {@code $SYS}. */
public interface TrafficCounter {
    /** Counts nothing. */
    TrafficCounter NONE = new TrafficCounter() {
        @Override
        public void received(int bytes) {
        }

        @Override
        public void sent(int bytes) {
        }
    };

    /** {@code bytes} came from the peer. */
    void received(int bytes);

    /** {@code bytes} were written to the peer (handed to the channel, not yet necessarily on the wire). */
    void sent(int bytes);
}
