package io.tern.benchmarks;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH's benchmark threads as {@link FastThreadLocalThread}s, the kind of thread a Netty event
 * loop is, where the codec runs in the broker and the client.
 *
 * <p>It matters for Netty 4.2's pooled allocator: on any other thread it keeps no thread-local cache
 * ({@code io.netty.allocator.useCacheForAllThreads} is false by default) and its {@code Recycler}
 * does not reuse buffer objects, so each pooled buffer costs an arena allocation under a lock and a
 * new Java object: figures that a broker never sees. Select it in the forked JVM with
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=io.tern.benchmarks.EventLoopThreadExecutor}.
 */
public final class EventLoopThreadExecutor extends ThreadPoolExecutor {
    /**
     * The constructor JMH calls for {@code -Djmh.executor=CUSTOM}.
     *
     * @param threads the number of benchmark threads
     * @param prefix  the prefix of the thread names
     */
    public EventLoopThreadExecutor(int threads, String prefix) {
        super(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }
}
