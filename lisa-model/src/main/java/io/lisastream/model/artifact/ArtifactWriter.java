package io.lisastream.model.artifact;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.TensorSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a model as a {@code lisa-model/1} directory atomically: every file goes into a hidden
 * temporary sibling directory, is flushed to disk, and the directory is renamed into place, so a
 * reader sees either no artifact or a complete one. Checksums and the codeSpace are computed from
 * the bytes as they are written.
 */
final class ArtifactWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactWriter.class);

    private ArtifactWriter() {
    }

    static Manifest write(LisaModel model, Path dir, boolean replaceExisting) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot write a model artifact as the file system root");
        }
        checkTarget(target, replaceExisting);
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
            Manifest manifest = writeFiles(model, tmp);
            install(tmp, target);
            return manifest;
        } finally {
            deleteRecursively(tmp);
        }
    }

    private static void checkTarget(Path target, boolean replaceExisting) throws IOException {
        if (!Files.exists(target) || isEmptyDirectory(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new NotDirectoryException(target + " exists and is not a directory");
        }
        if (!replaceExisting) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "directory is not empty; refusing to overwrite it"
                            + " (ask to replace an existing artifact explicitly)");
        }
        if (!Files.isRegularFile(target.resolve(Manifest.FILE_NAME))) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "directory is not empty and holds no " + Manifest.FILE_NAME
                            + "; refusing to replace something that is not a model artifact");
        }
    }

    private static Manifest writeFiles(LisaModel model, Path tmp) throws IOException {
        ModelConfig config = model.config();
        Map<String, TensorSpec> specs = TensorSpec.required(config);
        MessageDigest codeSpace = Sha256.newDigest();
        Map<String, TensorEntry> written = new LinkedHashMap<>();
        for (String name : codeSpaceFirst(specs)) {
            boolean inCodeSpace = name.equals(TensorSpec.CODES) || name.equals(TensorSpec.SOFT_ASSIGN);
            written.put(name, writeTensor(model, name, tmp, inCodeSpace ? codeSpace : null));
        }
        Map<String, TensorEntry> table = new LinkedHashMap<>();
        for (String name : specs.keySet()) {
            table.put(name, written.get(name));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(Manifest.ITEMS_FILE)))) {
            ItemsFile.write(model.itemIds(), out);
        }
        String space = config.variant().isLisa() ? Sha256.hex(codeSpace) : null;
        if (model.codeSpace() != null && !model.codeSpace().equals(space)) {
            LOG.warn("model {} had codeSpace {} but its codes are written as bytes hashing to {}; histograms built "
                    + "under the old codeSpace will not be reused", config.version(), model.codeSpace(), space);
        }
        byte[] json = Manifest.of(config, space, table, model.training()).toJson();
        Files.write(tmp.resolve(Manifest.FILE_NAME), json);
        // what a reader will see (e.g. the training record's numbers as JSON types)
        Manifest manifest = Manifest.parse(json, Manifest.FILE_NAME);
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
            }
        }
        return manifest;
    }

    private static TensorEntry writeTensor(LisaModel model, String name, Path dir, MessageDigest codeSpace)
            throws IOException {
        String file = name + ".npy";
        MessageDigest digest = Sha256.newDigest();
        try (OutputStream fileOut = new DigestOutputStream(Files.newOutputStream(dir.resolve(file)), digest)) {
            Npy.write(model.tensor(name), codeSpace == null ? fileOut : new DigestOutputStream(fileOut, codeSpace));
        }
        return new TensorEntry(file, model.tensor(name).dtype(), model.tensor(name).shape(), Sha256.hex(digest));
    }

    /** codes, then soft_assign, then the rest: the order the codeSpace digest sees them. */
    private static List<String> codeSpaceFirst(Map<String, TensorSpec> specs) {
        List<String> order = new ArrayList<>();
        for (String first : List.of(TensorSpec.CODES, TensorSpec.SOFT_ASSIGN)) {
            if (specs.containsKey(first)) {
                order.add(first);
            }
        }
        specs.keySet().stream().filter(n -> !order.contains(n)).forEach(order::add);
        return order;
    }

    /** Renames the finished directory into place, moving an old artifact aside first. */
    private static void install(Path tmp, Path target) throws IOException {
        if (Files.isDirectory(target) && isEmptyDirectory(target)) {
            Files.delete(target);
        }
        if (!Files.exists(target)) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteRecursively(old);
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
