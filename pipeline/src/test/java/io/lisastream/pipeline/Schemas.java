package io.lisastream.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lisastream.schemas.WireSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The wire schemas of module lisa-schemas, loaded once, for checking what this module writes. */
final class Schemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<WireSchema, JsonSchema> LOADED = new EnumMap<>(WireSchema.class);

    static {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (WireSchema w : WireSchema.values()) {
            try (InputStream in = w.open()) {
                LOADED.put(w, factory.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Schemas() {
    }

    /** The schema's complaints about a message (empty when it is valid). */
    static Set<ValidationMessage> errors(WireSchema schema, byte[] message) {
        try {
            return LOADED.get(schema).validate(JSON.readTree(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
