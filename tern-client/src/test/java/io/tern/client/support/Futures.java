package io.tern.client.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for futures in tests. */
public final class Futures {
    private Futures() {
    }

    /**
     * What a future failed with, waiting up to 20 seconds.
     *
     * @throws AssertionError if it succeeds or does not complete in time
     */
    public static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            Object result = future.get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the future did not complete within 20 s", e);
        }
    }
}
