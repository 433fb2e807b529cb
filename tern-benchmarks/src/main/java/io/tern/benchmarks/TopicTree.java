package io.tern.benchmarks;

import java.util.Random;

/**
 * The topic names the broker benchmarks share: a fleet of {@value #SITES} sites with
 * {@value #DEVICES_PER_SITE} devices each, every device publishing {@code site/{s}/device/{d}/temp},
 * {@value #SIZE} names in all. Topic names and filters are built as new strings, as they arrive
 * from the decoder, never as interned literals.
 */
final class TopicTree {
    static final int SITES = 100;
    static final int DEVICES_PER_SITE = 1000;
    static final int SIZE = SITES * DEVICES_PER_SITE;

    /** The seed of every generator of the benchmarks, so that runs compare the same data. */
    static final long SEED = 42;

    private TopicTree() {
    }

    /** The topic name of a device. */
    static String name(int site, int device) {
        return "site/" + site + "/device/" + device + "/temp";
    }

    /** The topic name with index {@code i}, 0 to {@link #SIZE} - 1, site by site. */
    static String name(int i) {
        return name(i / DEVICES_PER_SITE, i % DEVICES_PER_SITE);
    }

    /**
     * {@code count} strings of the pattern with {@code {s}} and {@code {d}} replaced by a random site
     * and device, for a benchmark to take one per invocation.
     */
    static String[] expand(String pattern, int count, Random random) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = pattern.replace("{s}", Integer.toString(random.nextInt(SITES)))
                    .replace("{d}", Integer.toString(random.nextInt(DEVICES_PER_SITE)));
        }
        return out;
    }

    /** Picks {@code count} of {@code from}, with repetitions, in random order. */
    static String[] sample(String[] from, int count, Random random) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = from[random.nextInt(from.length)];
        }
        return out;
    }
}
