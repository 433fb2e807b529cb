package io.tern.codec;

import io.netty.buffer.ByteBuf;

/** The Variable Byte Integer of MQTT (specification section 1.5.5): 1 to 4 bytes, 7 bits each. */
public final class VariableByteInteger {
    /** The largest value, 268,435,455, which takes four bytes. */
    public static final int MAX_VALUE = 268_435_455;

    private VariableByteInteger() {
    }

    /** The number of bytes that encode {@code value}. */
    public static int size(int value) {
        if (value < 0x80) {
            return 1;
        } else if (value < 0x4000) {
            return 2;
        } else if (value < 0x20_0000) {
            return 3;
        }
        return 4;
    }

    /**
     * Writes {@code value} in the fewest bytes.
     *
     * @throws IllegalArgumentException if the value is negative or above {@link #MAX_VALUE}
     */
    public static void write(ByteBuf out, int value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("a variable byte integer holds 0 to " + MAX_VALUE + ", not " + value);
        }
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }
}
