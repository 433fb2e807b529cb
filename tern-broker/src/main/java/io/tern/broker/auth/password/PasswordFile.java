package io.tern.broker.auth.password;

import io.tern.broker.auth.SecurityFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A password file, one {@link PasswordEntry} a line, as mosquitto 2 reads it; lines that are empty
 * or begin with {@code #} are kept as they are. Immutable: a change makes a new file, so that a
 * broker swaps whole snapshots when it reloads.
 */
public final class PasswordFile {
    private final List<String> lines;
    private final Map<String, PasswordEntry> users;
    /** What an unknown user's password is checked against, so that it costs as much as a known one's. */
    private final PasswordHash decoy;

    private PasswordFile(List<String> lines, Map<String, PasswordEntry> users) {
        this.lines = List.copyOf(lines);
        this.users = Collections.unmodifiableMap(users);
        int iterations = users.values().stream().map(PasswordEntry::hash)
                .filter(Pbkdf2Sha512Hash.class::isInstance).mapToInt(hash -> ((Pbkdf2Sha512Hash) hash).iterations())
                .max().orElse(Pbkdf2Sha512Hash.DEFAULT_ITERATIONS);
        this.decoy = Pbkdf2Sha512Hash.decoy(iterations);
    }

    /** A file without users. */
    public static PasswordFile empty() {
        return new PasswordFile(List.of(), new HashMap<>());
    }

    /**
     * Reads a password file.
     *
     * @throws SecurityFileException if it cannot be read, or a line is not an entry, or a user comes twice
     */
    public static PasswordFile load(Path file) throws SecurityFileException {
        return parse(file.toString(), SecurityFileException.readText(file));
    }

    /** Reads the text of a password file, {@code source} naming it in errors. */
    public static PasswordFile parse(String source, String text) throws SecurityFileException {
        List<String> lines = text.lines().toList();
        Map<String, PasswordEntry> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            PasswordEntry entry;
            try {
                entry = PasswordEntry.parse(line);
            } catch (IllegalArgumentException e) {
                throw new SecurityFileException(source, i + 1, e.getMessage());
            }
            if (users.put(entry.username(), entry) != null) {
                throw new SecurityFileException(source, i + 1, "user '" + entry.username() + "' is given twice");
            }
        }
        return new PasswordFile(lines, users);
    }

    /** The entry of {@code username}, or {@code null}. */
    public PasswordEntry get(String username) {
        return users.get(username);
    }

    /** The number of users. */
    public int size() {
        return users.size();
    }

    /** A hash no password matches, as slow to check as the file's slowest: for unknown users. */
    PasswordHash decoy() {
        return decoy;
    }

    /** This file with {@code entry} added, or replacing the user's line where it was. */
    public PasswordFile with(PasswordEntry entry) {
        List<String> changed = new ArrayList<>(lines);
        int at = lineOf(entry.username());
        if (at < 0) {
            changed.add(entry.line());
        } else {
            changed.set(at, entry.line());
        }
        Map<String, PasswordEntry> changedUsers = new HashMap<>(users);
        changedUsers.put(entry.username(), entry);
        return new PasswordFile(changed, changedUsers);
    }

    /** This file without {@code username}'s line; itself if the user is not there. */
    public PasswordFile without(String username) {
        int at = lineOf(username);
        if (at < 0) {
            return this;
        }
        List<String> changed = new ArrayList<>(lines);
        changed.remove(at);
        Map<String, PasswordEntry> changedUsers = new HashMap<>(users);
        changedUsers.remove(username);
        return new PasswordFile(changed, changedUsers);
    }

    /** The text of the file. */
    public String text() {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private int lineOf(String username) {
        String prefix = username + ":";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
