package io.tern.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Tern's configuration file and options write them: a whole number and a unit, with no
 * space ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d}). A bare number is refused: it
 * could mean seconds or milliseconds.
 */
public final class Durations {
    /** How a duration is written, for error messages: "a number and a unit (...) such as 10s". */
    public static final String FORM = "a number and a unit (ms, s, m, h or d) such as 10s";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Durations() {
    }

    /** Whether {@code text} is written as a duration (it may still be too long for one). */
    public static boolean isDuration(String text) {
        return DURATION.matcher(text.trim()).matches();
    }

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException when it is not {@link #FORM}, or too long for a {@link Duration};
     *                                  the message says which
     */
    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be " + FORM + ", not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        try {
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too long: " + text, e);
        }
    }
}
