package io.lisastream.model.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs python3 for the NumPy interop tests; CI machines without python3 + numpy skip those tests. */
final class Python {

    /** The test scripts, relative to the module directory (surefire's working directory). */
    static final Path SCRIPTS = Path.of("src", "test", "python");

    private Python() {
    }

    private static String numpyVersion;
    private static boolean probed;

    /** The installed NumPy version, or null when python3 or numpy is missing (probed once). */
    static synchronized String numpyVersion() {
        if (!probed) {
            numpyVersion = probeNumpy();
            probed = true;
        }
        return numpyVersion;
    }

    private static String probeNumpy() {
        try {
            Result r = run("-c", "import numpy; print(numpy.__version__)");
            return r.exitCode == 0 ? r.stdout.strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        // read stderr on the side so a chatty process cannot block on a full pipe
        StringBuilder err = new StringBuilder();
        Thread drain = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process died; its exit code tells
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("python3 " + args[0] + " did not finish");
            }
            drain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for python3", e);
        }
        return new Result(p.exitValue(), out, err.toString());
    }
}
