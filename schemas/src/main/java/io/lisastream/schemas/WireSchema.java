package io.lisastream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON Schemas (draft 2020-12) of the messages in contracts/wire.md, as classpath resources.
 * Only locates them; validating is up to the caller (tests use networknt json-schema-validator).
 */
public enum WireSchema {
    CLICK_EVENT("click-event"),
    RECOMMENDATION("recommendation"),
    MODEL_ANNOUNCEMENT("model-announcement"),
    DEAD_LETTER("dead-letter");

    private final String name;

    WireSchema(String name) {
        this.name = name;
    }

    /** Short name, e.g. {@code click-event}. */
    public String schemaName() {
        return name;
    }

    /** Classpath resource path, e.g. {@code /schemas/click-event.schema.json}. */
    public String resourcePath() {
        return "/schemas/" + name + ".schema.json";
    }

    /** Opens the schema text (UTF-8 JSON); the caller closes the stream. */
    public InputStream open() {
        InputStream in = WireSchema.class.getResourceAsStream(resourcePath());
        if (in == null) {
            throw new UncheckedIOException(new IOException("schema resource missing from the classpath: " + resourcePath()));
        }
        return in;
    }
}
