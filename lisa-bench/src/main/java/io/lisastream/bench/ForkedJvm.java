package io.lisastream.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class in a child JVM with the module openings Flink needs on Java 17 (the ones
 * Flink's own launch scripts pass: Kryo, which the State Processor API and checkpoint metadata
 * use, reflects into java.base). The child gets this JVM's options, classpath and stdio.
 */
public final class ForkedJvm {
    /** The --add-opens Flink's scripts use on Java 17 (flink-dist's env.java.opts.all). */
    static final List<String> FLINK_OPENS = List.of("java.base/java.lang", "java.base/java.lang.reflect",
            "java.base/java.io", "java.base/java.net", "java.base/java.nio", "java.base/sun.nio.ch",
            "java.base/java.text", "java.base/java.time", "java.base/java.util", "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic", "java.base/java.util.concurrent.locks");

    private ForkedJvm() {
    }

    /** True when this JVM already opens java.lang to the unnamed module (no child needed). */
    public static boolean hasFlinkOpens() {
        return Object.class.getModule().isOpen("java.lang", ForkedJvm.class.getModule());
    }

    /** Runs {@code mainClass args} in a child JVM and returns its exit code. */
    public static int run(String mainClass, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (String open : FLINK_OPENS) {
            cmd.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        return p.waitFor();
    }
}
