package io.tern.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Handles SIGTERM and SIGINT (Ctrl-C) in the program instead of the JVM, so that a command stopped by
 * them closes what it runs and still exits with 0: left to the JVM, a process ends with 143 or 130.
 *
 * <p>Through {@code sun.misc.Signal} (module jdk.unsupported, in every JDK since 9), reached by
 * reflection so that the build does not warn about an internal API; where it is missing, nothing is
 * handled and shutdown hooks still run.
 */
public final class Signals {
    private Signals() {
    }

    /**
     * Calls {@code handler} with the name of the signal ({@code "SIGTERM"}) when one of {@code signals}
     * ({@code "TERM"}, {@code "INT"}) arrives, on a thread of the JVM's.
     *
     * @return what puts back the handlers there were before; call it once done
     */
    public static Runnable handle(Consumer<String> handler, String... signals) {
        List<Runnable> restores = new ArrayList<>();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method getName = signalClass.getMethod("getName");
            InvocationHandler invocation = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    handler.accept("SIG" + getName.invoke(args[0]));
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "signal handler of " + handler;
            };
            Object ours = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    invocation);
            for (String name : signals) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                try {
                    Object previous = handle.invoke(null, signal, ours);
                    restores.add(() -> {
                        try {
                            handle.invoke(null, signal, previous);
                        } catch (ReflectiveOperationException ignored) {
                            // It was put in place the same way a moment ago.
                        }
                    });
                } catch (ReflectiveOperationException e) {
                    // This signal is not to be handled here (the JVM uses it, or runs with -Xrs).
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No sun.misc.Signal: the shutdown hooks do the work, and the exit code is the JVM's.
        }
        return () -> restores.forEach(Runnable::run);
    }
}
