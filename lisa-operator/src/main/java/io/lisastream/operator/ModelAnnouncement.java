package io.lisastream.operator;

import java.util.Objects;

/**
 * A new model version on the control topic (contracts/wire.md): where the artifact directory is and
 * the sha256 of its manifest.json. Broadcast state holds these, never tensors.
 */
public class ModelAnnouncement {
    public String version;
    /** Artifact directory, e.g. file:///models/v3. */
    public String uri;
    /** Hex sha256 of the directory's manifest.json. */
    public String sha256;

    public ModelAnnouncement() {
    }

    public ModelAnnouncement(String version, String uri, String sha256) {
        this.version = version;
        this.uri = uri;
        this.sha256 = sha256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelAnnouncement m && Objects.equals(version, m.version) && Objects.equals(uri, m.uri)
                && Objects.equals(sha256, m.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, uri, sha256);
    }

    @Override
    public String toString() {
        return "ModelAnnouncement{version=" + version + ", uri=" + uri + "}";
    }
}
