package io.bmpfleet.bmp.codec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared real-router captures (system property {@code bmp.captures.dir}, set by the pom).
 */
public final class Captures {
    private Captures() {
        // static helpers
    }

    /**
     * Returns the capture directory, skipping the calling test when it is absent.
     *
     * @return directory
     */
    public static Path dir() {
        final String prop = System.getProperty("bmp.captures.dir", "../../../shared/testdata/bmp-captures");
        final Path dir = Path.of(prop);
        assumeTrue(Files.isDirectory(dir), "captures not found at " + dir.toAbsolutePath());
        return dir;
    }

    /**
     * Returns a capture file by name prefix.
     *
     * @param prefix file name prefix, such as {@code 205-}
     * @return path
     * @throws IOException if the directory cannot be listed
     */
    public static Path file(final String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    /**
     * Returns all pcap files.
     *
     * @return paths, sorted
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.toString().endsWith(".pcap")).sorted().toList();
        }
    }
}
