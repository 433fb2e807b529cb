package io.tern.cli.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code conns} scenario: opens N idle connections at {@code --connect-rate}, holds them for
 * {@code -d}, and with {@code --pid} reads the broker's resident memory before connecting and once
 * all are connected and settled, to report what a connection costs it.
 */
final class ConnsRun {
    /** How long the broker is left to settle (finish allocating, collect garbage) before its memory is read. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BenchSettings settings;
    private final PrintWriter err;
    private final LoadStats stats = new LoadStats();

    ConnsRun(BenchSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
    }

    Summary run() {
        int requested = settings.clients();
        Long rssBefore = settings.pid() > 0 ? ProcessMemory.rssBytes(settings.pid()) : null;
        try (Connections connections = new Connections(settings.target(), settings.threads());
             ProgressPrinter progress = new ProgressPrinter(err, stats, null)) {
            progress.start();
            long start = System.nanoTime();
            List<Future<Channel>> opened = connections.open(requested, "conn", settings.connectRate(),
                    i -> new Idle());
            List<Channel> open = new ArrayList<>(requested);
            BenchException firstFailure = null;
            for (Future<Channel> future : opened) {
                future.addListener(done -> {
                    if (done.isSuccess()) {
                        stats.connected.increment();
                    }
                });
            }
            for (Future<Channel> future : opened) {
                future.awaitUninterruptibly();
                if (future.isSuccess()) {
                    open.add(future.getNow());
                } else if (firstFailure == null) {
                    firstFailure = future.cause() instanceof BenchException e ? e
                            : new BenchException(String.valueOf(future.cause()));
                    stats.error(firstFailure.getMessage());
                } else {
                    stats.errors.increment();
                }
            }
            if (open.isEmpty() && firstFailure != null) {
                throw firstFailure;
            }
            long connectedAt = System.nanoTime();
            Long rssAfter = null;
            if (rssBefore != null) {
                Clock.sleepUntil(connectedAt + SETTLE_NANOS);
                rssAfter = ProcessMemory.rssBytes(settings.pid());
            }
            Clock.sleepUntil(connectedAt + settings.duration().toNanos());
            long dropped = open.stream().filter(channel -> !channel.isActive()).count();
            Summary.Connections result = new Summary.Connections(requested, open.size(), requested - open.size(),
                    dropped, (connectedAt - start) / 1e9, (System.nanoTime() - connectedAt) / 1e9, rssBefore,
                    rssAfter, rssAfter == null || open.isEmpty() ? null : (rssAfter - rssBefore) / open.size());
            return new Summary(settings.scenario().cliName(), settings.target().address(),
                    settings.target().protocol(), settings.threads(), 0, 0, null, null, result,
                    stats.errors.sum(), stats.firstError());
        }
    }

    /** An idle connection's handler: drops whatever the broker sends. */
    private static final class Idle extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
