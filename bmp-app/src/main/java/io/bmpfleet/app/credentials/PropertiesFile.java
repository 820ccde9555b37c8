/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A properties file the controller keeps outside the datastore (credentials, trusted host keys): readable by the
 * controller's user only (mode 0600), replaced atomically on every write so a crash never leaves half a file, and
 * parsed again only when it changed (modification time, size or identity).
 */
public final class PropertiesFile {
    private static final Logger LOG = LoggerFactory.getLogger(PropertiesFile.class);
    private final Path file;
    private final String comment;
    // The file as last parsed, and what it looked like then (guarded by this).
    private Properties loaded = new Properties();
    private List<Object> loadedStamp;

    /**
     * A file.
     *
     * @param file where it is
     * @param comment the first line written into it
     */
    public PropertiesFile(final Path file, final String comment) {
        this.file = file;
        this.comment = comment;
    }

    /**
     * A file in Karaf's {@code etc}: the system property's path if set, else {@code etc/NAME} (the working
     * directory outside Karaf).
     *
     * @param property the system property that overrides the location
     * @param name the file's name
     * @return its path
     */
    public static Path inKarafEtc(final String property, final String name) {
        final var explicit = System.getProperty(property);
        if (explicit != null) {
            return Path.of(explicit);
        }
        final var etc = System.getProperty("karaf.etc");
        return etc == null ? Path.of(name) : Path.of(etc, name);
    }

    /**
     * Where the file is.
     *
     * @return its path
     */
    public Path path() {
        return file;
    }

    /**
     * The properties, as a copy the caller may change.
     *
     * @return the file's properties, empty when there is no file
     */
    public synchronized Properties read() {
        final var props = new Properties();
        try {
            if (!Files.exists(file)) {
                return props;
            }
            final var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            final List<Object> stamp = List.of(attributes.lastModifiedTime(), attributes.size(),
                String.valueOf(attributes.fileKey()));
            if (!stamp.equals(loadedStamp)) {
                final var parsed = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    parsed.load(in);
                }
                loaded = parsed;
                loadedStamp = stamp;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        props.putAll(loaded);
        return props;
    }

    /**
     * Replaces the file.
     *
     * @param props the new content
     */
    public synchronized void write(final Properties props) {
        final var dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection applies.
            }
            try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                props.store(out, comment);
                out.flush();
                // On disk before it takes the file's name: a crash leaves the old file or the new one, whole.
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                // A failed write leaves the old file as it was, and nothing else.
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("Cannot remove {}", tmp, e);
                }
            }
        }
    }

    /** Makes the rename durable (the directory entry), where the platform lets a directory be opened. */
    private static void syncDirectory(final Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be synced; the rename itself was atomic.
            LOG.debug("Cannot sync {}", dir, e);
        }
    }
}
