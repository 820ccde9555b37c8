/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;

/**
 * A properties file the controller keeps outside the datastore (credentials, trusted host keys): readable by the
 * controller's user only (mode 0600), replaced atomically on every write so a crash never leaves half a file, and
 * parsed again only when it changed (modification time, size or identity).
 */
public final class PropertiesFile {
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
        try {
            final var dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            final var tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection applies.
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, comment);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
