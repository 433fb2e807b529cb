package io.tern.cli.sub;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The conversions of C's strftime(3) in the C locale, for the {@code @X} sequences of a {@code -F}
 * format: {@code @Y-@m-@d} prints 2026-11-26, as mosquitto_sub does.
 */
final class Strftime {
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx", Locale.ROOT);

    private Strftime() {
    }

    /** Whether {@code conversion} is one strftime knows. */
    static boolean isConversion(char conversion) {
        return "aAbBcCdDeFgGhHIjklmMnpPrRsStTuVwxXyYzZ%".indexOf(conversion) >= 0;
    }

    /** What strftime's {@code %conversion} makes of {@code time}. */
    static String format(char conversion, ZonedDateTime time) {
        return switch (conversion) {
            case 'a' -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'b', 'h' -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'c' -> format('a', time) + ' ' + format('b', time) + ' ' + format('e', time) + ' '
                    + format('T', time) + ' ' + time.getYear();
            case 'C' -> two(time.getYear() / 100);
            case 'd' -> two(time.getDayOfMonth());
            case 'D', 'x' -> two(time.getMonthValue()) + '/' + two(time.getDayOfMonth()) + '/'
                    + two(time.getYear() % 100);
            case 'e' -> spaced(time.getDayOfMonth());
            case 'F' -> time.getYear() + "-" + two(time.getMonthValue()) + '-' + two(time.getDayOfMonth());
            case 'g' -> two(time.get(IsoFields.WEEK_BASED_YEAR) % 100);
            case 'G' -> Integer.toString(time.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> two(time.getHour());
            case 'I' -> two(twelveHour(time));
            case 'j' -> String.format("%03d", time.getDayOfYear());
            case 'k' -> spaced(time.getHour());
            case 'l' -> spaced(twelveHour(time));
            case 'm' -> two(time.getMonthValue());
            case 'M' -> two(time.getMinute());
            case 'n' -> "\n";
            case 'p' -> time.getHour() < 12 ? "AM" : "PM";
            case 'P' -> time.getHour() < 12 ? "am" : "pm";
            case 'r' -> two(twelveHour(time)) + ':' + two(time.getMinute()) + ':' + two(time.getSecond()) + ' '
                    + format('p', time);
            case 'R' -> two(time.getHour()) + ':' + two(time.getMinute());
            case 's' -> Long.toString(time.toEpochSecond());
            case 'S' -> two(time.getSecond());
            case 't' -> "\t";
            case 'T', 'X' -> two(time.getHour()) + ':' + two(time.getMinute()) + ':' + two(time.getSecond());
            case 'u' -> Integer.toString(time.getDayOfWeek().getValue());
            case 'V' -> two(time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> Integer.toString(time.getDayOfWeek().getValue() % 7);
            case 'y' -> two(time.getYear() % 100);
            case 'Y' -> Integer.toString(time.getYear());
            case 'z' -> OFFSET.format(time);
            case 'Z' -> time.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case '%' -> "%";
            default -> throw new IllegalArgumentException("strftime has no %" + conversion);
        };
    }

    private static int twelveHour(ZonedDateTime time) {
        int hour = time.getHour() % 12;
        return hour == 0 ? 12 : hour;
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private static String spaced(int value) {
        return value < 10 ? " " + value : Integer.toString(value);
    }
}
