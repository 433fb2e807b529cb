package io.tern.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident memory of another process on Linux, from {@code VmRSS} in {@code /proc/PID/status}. */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** The resident set size of process {@code pid} in bytes. */
    static long rssBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new BenchException("cannot read the memory of process " + pid + " from " + status + ": " + e);
        }
        throw new BenchException("no VmRSS in " + status);
    }
}
