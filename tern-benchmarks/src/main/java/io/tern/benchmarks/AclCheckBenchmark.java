package io.tern.benchmarks;

import io.tern.broker.auth.ClientInfo;
import io.tern.broker.auth.SecurityFileException;
import io.tern.broker.auth.acl.AclAuthorizer;
import io.tern.broker.auth.acl.AclRules;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ACL checks on the publish path ({@link AclAuthorizer#canPublish}) and at each delivery
 * ({@link AclAuthorizer#canReceive}) with a user's rules, patterns with {@code %u} and {@code %c}, and a
 * deny rule: what an ACL adds per message and per subscriber. Run with {@code -prof gc} to see that it
 * allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AclCheckBenchmark {
    private static final String ACL = """
            topic read public/#
            user alice
            topic readwrite alice/#
            topic deny alice/secret/#
            topic read sensors/+/floor-2/#
            pattern readwrite devices/%c/#
            pattern read users/%u/inbox
            pattern write telemetry/%u/%c/#
            """;

    @Param({
        "alice/news",
        "sensors/building-1/floor-2/temperature",
        "telemetry/alice/alice-1/temperature",
        "alice/secret/plans",
        "other/topic/entirely",
    })
    public String topic;

    private AclAuthorizer authorizer;
    private ClientInfo client;

    @Setup
    public void setUp() throws SecurityFileException {
        AclRules rules = AclRules.parse("acl", ACL);
        authorizer = new AclAuthorizer(() -> rules);
        client = new ClientInfo(new String("alice-1".toCharArray()), new String("alice".toCharArray()), null);
        topic = new String(topic.toCharArray());
    }

    @Benchmark
    public boolean canPublish() {
        return authorizer.canPublish(client, topic);
    }

    @Benchmark
    public boolean canReceive() {
        return authorizer.canReceive(client, topic);
    }
}
