package io.tern.cli.broker;

import io.tern.broker.storage.SyncPolicy;
import io.tern.cli.Durations;
import java.util.Locale;

/** {@link SyncPolicy} as the configuration file and {@code --sync} write it: always, batch 5ms, none. */
final class SyncPolicies {
    /** What a sync policy looks like, for errors. */
    static final String FORM = "always, batch and a window from 1ms to 10s (batch 5ms), or none";

    private SyncPolicies() {
    }

    /** The policy {@code text} names, or {@code null} if it names none. */
    static SyncPolicy parse(String text) {
        if (text == null) {
            return null;
        }
        String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length == 1 && words[0].equals("always")) {
            return SyncPolicy.always();
        }
        if (words.length == 1 && words[0].equals("none")) {
            return SyncPolicy.none();
        }
        if (words.length == 2 && words[0].equals("batch") && Durations.isDuration(words[1])) {
            try {
                java.time.Duration window = Durations.parse(words[1]);
                return window.isZero() || window.toSeconds() > 10 ? null : SyncPolicy.batch(window);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
