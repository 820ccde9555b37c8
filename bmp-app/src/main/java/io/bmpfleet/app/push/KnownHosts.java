/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * SSH host keys trusted on first use, per device, in one properties file beside the credential store
 * ({@code etc/bmpfleet-known-hosts}): a device whose key changes later is refused until an operator removes its
 * line or puts the new fingerprint in the intent. Written atomically.
 */
public final class KnownHosts {
    private final Path file;
    private Properties keys;

    public KnownHosts(final Path file) {
        this.file = file;
    }

    /**
     * The default location: {@code bmpfleet.known-hosts.file} if set, else {@code bmpfleet-known-hosts} in
     * Karaf's {@code etc} (or the working directory outside Karaf).
     *
     * @return the path
     */
    public static Path defaultFile() {
        final var explicit = System.getProperty("bmpfleet.known-hosts.file");
        if (explicit != null) {
            return Path.of(explicit);
        }
        final var etc = System.getProperty("karaf.etc");
        return etc == null ? Path.of("bmpfleet-known-hosts") : Path.of(etc, "bmpfleet-known-hosts");
    }

    /**
     * The fingerprint trusted for a device.
     *
     * @param device the device's name
     * @return its fingerprint, if one was recorded
     */
    public synchronized Optional<String> get(final String device) {
        return Optional.ofNullable(load().getProperty(device));
    }

    /**
     * Records the fingerprint seen on a device's first login.
     *
     * @param device the device's name
     * @param fingerprint {@code SHA256:...}
     */
    public synchronized void trust(final String device, final String fingerprint) {
        final var props = load();
        if (fingerprint.equals(props.getProperty(device))) {
            return;
        }
        props.setProperty(device, fingerprint);
        save(props);
    }

    /**
     * Forgets a device's key (the device left the intent).
     *
     * @param device the device's name
     */
    public synchronized void forget(final String device) {
        final var props = load();
        if (props.remove(device) != null) {
            save(props);
        }
    }

    private Properties load() {
        if (keys == null) {
            keys = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        return keys;
    }

    private void save(final Properties props) {
        try {
            final var dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            final var tmp = Files.createTempFile(dir, ".known-hosts", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "bmpfleet: SSH host keys trusted on first use (device = fingerprint)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
