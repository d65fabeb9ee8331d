package io.lisastream.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Exit;

/**
 * Holds back the JVM shutdown hooks Kafka's test kit registers (they delete the broker's log
 * directories) while the demo's broker runs. Registered as they are, on Ctrl-C they delete the
 * directories under the still-running broker, which then halts the JVM on the spot ("all log dirs
 * have failed") before the demo has stopped anything. Held back, they run in {@link #close()},
 * after the demo closed the broker (which deletes its directories itself; the hooks then find
 * nothing left).
 */
final class KafkaShutdownHooks implements AutoCloseable {
    private final List<Runnable> held = new ArrayList<>();

    private KafkaShutdownHooks() {
    }

    /** From now until {@link #close()}, Kafka's shutdown hooks are held here instead of registered. */
    static KafkaShutdownHooks holdBack() {
        KafkaShutdownHooks hooks = new KafkaShutdownHooks();
        Exit.setShutdownHookAdder((name, runnable) -> hooks.add(runnable));
        return hooks;
    }

    private synchronized void add(Runnable hook) {
        held.add(hook);
    }

    /** Restores Kafka's default and runs the hooks held back. */
    @Override
    public void close() {
        Exit.resetShutdownHookAdder();
        List<Runnable> hooks;
        synchronized (this) {
            hooks = new ArrayList<>(held);
            held.clear();
        }
        for (Runnable r : hooks) {
            r.run();
        }
    }
}
