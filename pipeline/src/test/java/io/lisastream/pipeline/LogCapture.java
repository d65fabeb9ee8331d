package io.lisastream.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log event at INFO and above of this JVM (the MiniCluster's and the Kafka clients'
 * included) while open; the console keeps getting WARN and above only.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final Level previousLevel;
    private final Appender console;

    private LogCapture(LoggerContext context) {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        this.context = context;
        LoggerConfig root = context.getConfiguration().getRootLogger();
        this.previousLevel = root.getLevel();
        this.console = root.getAppenders().get("STDERR");
    }

    static LogCapture begin() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LogCapture capture = new LogCapture(context);
        capture.start0();
        return capture;
    }

    private void start0() {
        start();
        Configuration cfg = context.getConfiguration();
        LoggerConfig root = cfg.getRootLogger();
        if (console != null) {
            root.removeAppender(console.getName());
            root.addAppender(console, Level.WARN, null);
        }
        root.addAppender(this, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder sb = new StringBuilder(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            sb.append(' ').append(event.getThrown());
        }
        lines.add(sb.toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(getName());
        if (console != null) {
            root.removeAppender(console.getName());
            root.addAppender(console, null, null);
        }
        root.setLevel(previousLevel);
        context.updateLoggers();
        stop();
    }
}
