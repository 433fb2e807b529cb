package io.tern.client.persistence;

import io.tern.client.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-flight publishes of one client as one file each, named after the key, then the packet
 * identifier once sent, with the suffix {@code .pub} (to send again) or {@code .rel} (past PUBREC: to
 * release again). A message is written to a temporary file and renamed, so a file is never half
 * written; its state changes are renames.
 */
final class DirectoryStore implements InFlightStore {
    private static final String PUBLISH = ".pub";
    private static final String RELEASED = ".rel";
    private static final String TEMPORARY = ".tmp";

    private final Path directory;
    private final Map<Long, Path> files = new ConcurrentHashMap<>();

    DirectoryStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public List<StoredPublish> load() {
        List<StoredPublish> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMPORARY)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(PUBLISH) || name.endsWith(RELEASED)) {
                    found.add(read(file, name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the in-flight messages in " + directory, e);
        }
        found.sort(Comparator.comparingLong(StoredPublish::key));
        return found;
    }

    @Override
    public void add(long key, Message message) {
        Path file = directory.resolve(key + PUBLISH);
        Path temporary = directory.resolve(key + TEMPORARY);
        try {
            Files.write(temporary, MessageFormat.write(message));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        files.put(key, file);
    }

    @Override
    public void sent(long key, int packetId) {
        rename(key, key + "-" + packetId + PUBLISH);
    }

    @Override
    public void released(long key) {
        Path file = files.get(key);
        if (file != null) {
            rename(key, file.getFileName().toString().replace(PUBLISH, RELEASED));
        }
    }

    @Override
    public void remove(long key) {
        Path file = files.remove(key);
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }

    @Override
    public void close() {
        files.clear();
    }

    private void rename(long key, String name) {
        Path file = files.get(key);
        if (file == null) {
            return;
        }
        Path renamed = directory.resolve(name);
        try {
            Files.move(file, renamed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + file + " to " + renamed, e);
        }
        files.put(key, renamed);
    }

    private StoredPublish read(Path file, String name) throws IOException {
        String stem = name.substring(0, name.length() - PUBLISH.length());
        int dash = stem.indexOf('-');
        long key;
        int packetId = 0;
        try {
            key = Long.parseLong(dash < 0 ? stem : stem.substring(0, dash));
            if (dash >= 0) {
                packetId = Integer.parseInt(stem.substring(dash + 1));
            }
        } catch (NumberFormatException e) {
            throw new IOException("unexpected file " + file + " in the persistence directory", e);
        }
        files.put(key, file);
        return new StoredPublish(key, MessageFormat.read(Files.readAllBytes(file), file), packetId,
                name.endsWith(RELEASED));
    }
}
