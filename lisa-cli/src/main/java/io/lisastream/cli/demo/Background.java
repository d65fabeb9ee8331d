package io.lisastream.cli.demo;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A resource started on its own thread (Kafka, Flink) while the demo trains its model.
 * {@link #get()} waits for it; {@link #close()} waits too and closes it, so nothing started here
 * outlives the demo, whether it succeeds or fails.
 */
final class Background<T extends AutoCloseable> implements AutoCloseable {
    private final FutureTask<T> task;

    private Background(Callable<T> start, String name) {
        this.task = new FutureTask<>(start);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    static <T extends AutoCloseable> Background<T> start(String name, Callable<T> start) {
        return new Background<>(start, name);
    }

    /** The started resource; rethrows what starting it threw. */
    T get() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) {
                throw ex;
            }
            throw (Error) c;
        }
    }

    @Override
    public void close() throws Exception {
        T resource;
        try {
            resource = task.get();
        } catch (ExecutionException e) {
            return; // never started: nothing to close (the failure surfaces through get())
        }
        resource.close();
    }
}
