package io.tern.cli.bench;

/** A bench that cannot go on, with the one line that says why (the broker is unreachable, refused CONNECT...). */
final class BenchException extends RuntimeException {
    BenchException(String message) {
        super(message, null, false, false);
    }
}
