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
import java.util.Optional;
import java.util.Properties;

/**
 * Credentials for device management, kept in one properties file readable by the controller's user only
 * (mode 0600), never in the datastore. Secrets go in and come out only to the drivers that log in with them.
 *
 * <p>Writes replace the file atomically, so a crash never leaves half a file.
 */
public final class CredentialStore {
    private static final String USERNAME = ".username";
    private static final String PASSWORD = ".password";
    private static final String ENABLE = ".enable-secret";

    private final Path file;
    // The file as last parsed, and what it looked like then (guarded by this).
    private Properties loaded = new Properties();
    private List<Object> loadedStamp;

    public CredentialStore(final Path file) {
        this.file = file;
    }

    /**
     * The default location: {@code bmpfleet.credentials.file} if set, else {@code bmpfleet-credentials.properties}
     * in Karaf's {@code etc} directory (or the working directory outside Karaf).
     *
     * @return the file path
     */
    public static Path defaultFile() {
        final var explicit = System.getProperty("bmpfleet.credentials.file");
        if (explicit != null) {
            return Path.of(explicit);
        }
        final var etc = System.getProperty("karaf.etc");
        return etc == null ? Path.of("bmpfleet-credentials.properties")
            : Path.of(etc, "bmpfleet-credentials.properties");
    }

    /**
     * Looks a credential set up by name.
     *
     * @param name the name devices refer to
     * @return the credential, if stored
     */
    public synchronized Optional<Credential> lookup(final String name) {
        final var props = load();
        final var username = props.getProperty(name + USERNAME);
        return username == null ? Optional.empty()
            : Optional.of(new Credential(username, props.getProperty(name + PASSWORD),
                props.getProperty(name + ENABLE)));
    }

    /**
     * Stores or replaces a credential set.
     *
     * @param name its name
     * @param credential the credential
     */
    public synchronized void put(final String name, final Credential credential) {
        final var props = load();
        props.setProperty(name + USERNAME, credential.username());
        setOrRemove(props, name + PASSWORD, credential.password());
        setOrRemove(props, name + ENABLE, credential.enableSecret());
        save(props);
    }

    /**
     * Forgets a credential set.
     *
     * @param name its name
     * @return whether it was there
     */
    public synchronized boolean remove(final String name) {
        final var props = load();
        final boolean present = props.remove(name + USERNAME) != null;
        props.remove(name + PASSWORD);
        props.remove(name + ENABLE);
        save(props);
        return present;
    }

    private static void setOrRemove(final Properties props, final String key, final String value) {
        if (value == null) {
            props.remove(key);
        } else {
            props.setProperty(key, value);
        }
    }

    /**
     * The stored properties, as a copy the caller may change. The file is parsed again only when it changed (its
     * modification time, size or identity): lookups run every state round for TCP-MD5 keys.
     */
    private Properties load() {
        final var props = new Properties();
        try {
            if (!Files.exists(file)) {
                return props;
            }
            final var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            final List<Object> stamp = List.of(attributes.lastModifiedTime(), attributes.size(),
                String.valueOf(attributes.fileKey()));
            if (!stamp.equals(loadedStamp)) {
                final var read = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    read.load(in);
                }
                loaded = read;
                loadedStamp = stamp;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credential store " + file, e);
        }
        props.putAll(loaded);
        return props;
    }

    private void save(final Properties props) {
        try {
            final var dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            final var tmp = Files.createTempFile(dir, ".credentials", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection applies.
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "bmpfleet device credentials: set with the set-credentials RPC");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write credential store " + file, e);
        }
    }
}
