package io.tern.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.lifecycle.AfterContainerHook;
import net.jqwik.api.lifecycle.BeforeContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;

/**
 * A jqwik lifecycle hook for a test class ({@code @AddLifecycleHook(LeakCheck.class)}): Netty's
 * leak detection tracks every buffer while the class runs, and the class fails if a buffer it
 * created was never released.
 */
public final class LeakCheck implements BeforeContainerHook, AfterContainerHook {
    @Override
    public void beforeContainer(ContainerLifecycleContext context) {
        EncodedPackets.paranoidLeakDetection();
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) {
        try {
            Class<?> testClass = context.optionalContainerClass().orElseThrow();
            assertThat(EncodedPackets.leaksOf(testClass)).as("buffers never released").isEmpty();
        } finally {
            EncodedPackets.restoreLeakDetection();
        }
    }
}
