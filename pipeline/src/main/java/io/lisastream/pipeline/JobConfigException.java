package io.lisastream.pipeline;

import java.util.List;

/** The job's configuration is wrong; the message lists every problem found, each with the option it concerns. */
public final class JobConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public JobConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public JobConfigException(String problem) {
        this(List.of(problem));
    }

    /** Each problem in words, e.g. "--top-k: must be at least 1, got 0". */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "invalid configuration: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("invalid configuration, " + problems.size() + " problems:");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
