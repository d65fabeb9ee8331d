package io.lisastream.operator;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a model URI may be loaded: it must lie below one of the configured roots.
 *
 * <p>Both sides are normalised the same way: scheme and authority compared case-insensitively
 * ({@code file:/m}, {@code file:///m} and {@code file://localhost/m} are the same place), the
 * <em>decoded</em> path split into segments, empty segments dropped. A URI with a {@code .} or
 * {@code ..} segment (also percent-encoded), a backslash or NUL in its path, a query, a fragment
 * or user info is refused outright rather than resolved, so no spelling escapes a root. For local
 * files, a path that exists must also stay below the root after symbolic links are resolved.
 */
final class ModelUriPolicy {
    private ModelUriPolicy() {
    }

    /** A normalised location: lower-case scheme and authority (empty for local files), path segments. */
    record Location(String scheme, String authority, List<String> segments) {
        boolean isBelow(Location root) {
            return scheme.equals(root.scheme) && authority.equals(root.authority)
                    && segments.size() >= root.segments.size()
                    && segments.subList(0, root.segments.size()).equals(root.segments);
        }

        String path() {
            return "/" + String.join("/", segments);
        }

        /** The normalised URI, e.g. {@code file:///models/v3}. */
        URI toUri() {
            try {
                return new URI(scheme, authority.isEmpty() ? (scheme.equals("file") ? "" : null) : authority,
                        path(), null, null);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot rebuild a URI from " + this, e);
            }
        }
    }

    /** Parses a configured root; throws IllegalArgumentException naming the problem. */
    static Location parseRoot(String root) {
        try {
            return parse(root);
        } catch (ModelRejectedException e) {
            throw new IllegalArgumentException("allowed model root '" + root + "' is not usable: " + e.getMessage(), e);
        }
    }

    /**
     * The normalised location of {@code uri} if it lies below one of {@code roots}; otherwise a
     * {@link ModelRejectedException} that says why.
     */
    static Location check(String uri, List<String> roots) throws ModelRejectedException {
        if (roots.isEmpty()) {
            throw new ModelRejectedException("no allowed model roots are configured, so no model may be loaded"
                    + " (set LisaOperatorConfig.allowedModelRoots)");
        }
        Location location = parse(uri);
        for (String r : roots) {
            Location root = parseRoot(r);
            if (location.isBelow(root) && realPathStaysBelow(location, root)) {
                return location;
            }
        }
        throw new ModelRejectedException("model URI '" + uri + "' is not below any allowed model root " + roots);
    }

    static Location parse(String text) throws ModelRejectedException {
        if (text == null || text.isBlank()) {
            throw new ModelRejectedException("model URI is empty");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ModelRejectedException("model URI '" + text + "' is not a valid URI: " + e.getMessage());
        }
        if (uri.getScheme() == null) {
            if (!text.startsWith("/")) {
                throw new ModelRejectedException("model URI '" + text + "' has no scheme and is not an absolute path");
            }
            uri = Paths.get(text).toUri();
        }
        if (uri.isOpaque()) {
            throw new ModelRejectedException("model URI '" + text + "' is opaque (expected scheme://authority/path)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ModelRejectedException("model URI '" + text + "' must not carry a query, fragment or user info");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
        if (scheme.equals("file") && authority.equals("localhost")) {
            authority = "";
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            throw new ModelRejectedException("model URI '" + text + "' has no path");
        }
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            throw new ModelRejectedException("model URI '" + text + "' has a backslash or NUL in its path");
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals(".") || s.equals("..")) {
                throw new ModelRejectedException("model URI '" + text + "' has a '" + s
                        + "' path segment (relative segments are refused, not resolved)");
            }
            segments.add(s);
        }
        return new Location(scheme, authority, List.copyOf(segments));
    }

    /** For local files that exist: the real path (links resolved) must still be below the real root. */
    private static boolean realPathStaysBelow(Location location, Location root) {
        if (!location.scheme().equals("file")) {
            return true;
        }
        Path p = Paths.get(location.path());
        Path r = Paths.get(root.path());
        if (!Files.exists(p) || !Files.exists(r)) {
            return true; // nothing to resolve; loading will fail on its own if the files are missing
        }
        try {
            return p.toRealPath().startsWith(r.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
