package io.tern.codec.auth;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 (RFC 8018) over an HMAC, on the password's bytes as they are: an MQTT password is binary
 * data, which the JDK's {@code PBEKeySpec} (a {@code char[]}) cannot carry.
 */
public final class Pbkdf2 {
    private Pbkdf2() {
    }

    /**
     * Derives a key.
     *
     * @param hmac       the JCA name of the HMAC, e.g. {@code HmacSHA512}
     * @param password   the password's bytes, possibly empty
     * @param salt       the salt
     * @param iterations the iteration count, at least 1
     * @param length     the length of the key in bytes
     */
    public static byte[] derive(String hmac, byte[] password, byte[] salt, int iterations, int length) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, not " + iterations);
        }
        Mac mac = Hmacs.keyed(hmac, password);
        int blockLength = mac.getMacLength();
        byte[] key = new byte[length];
        byte[] u = new byte[blockLength];
        byte[] block = new byte[blockLength];
        for (int blockIndex = 1, offset = 0; offset < length; blockIndex++, offset += blockLength) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (blockIndex >>> 24), (byte) (blockIndex >>> 16), (byte) (blockIndex >>> 8),
                (byte) blockIndex});
            doFinal(mac, u);
            System.arraycopy(u, 0, block, 0, blockLength);
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                doFinal(mac, u);
                for (int j = 0; j < blockLength; j++) {
                    block[j] ^= u[j];
                }
            }
            System.arraycopy(block, 0, key, offset, Math.min(blockLength, length - offset));
        }
        return key;
    }

    private static void doFinal(Mac mac, byte[] into) {
        try {
            mac.doFinal(into, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMACs keyed by any bytes. */
    static final class Hmacs {
        private Hmacs() {
        }

        /** An HMAC keyed by {@code key}. */
        static Mac keyed(String algorithm, byte[] key) {
            try {
                Mac mac = Mac.getInstance(algorithm);
                // SecretKeySpec refuses an empty key; HMAC pads a key with zeros to its block size, so
                // one zero byte is the same key as none.
                mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
            }
        }

        /** The HMAC of {@code data} keyed by {@code key}. */
        static byte[] of(String algorithm, byte[] key, byte[] data) {
            return keyed(algorithm, key).doFinal(data);
        }
    }
}
