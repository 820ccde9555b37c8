/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import io.bmpfleet.app.credentials.PropertiesFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * SSH host keys trusted on first use, per device, in a {@link PropertiesFile} beside the credential store
 * ({@code etc/bmpfleet-known-hosts}, device = fingerprint): a device whose key changes later is refused until an
 * operator removes its line or puts the new fingerprint in the intent.
 */
public final class KnownHosts {
    private final Path path;
    private final PropertiesFile file;

    public KnownHosts(final Path file) {
        path = file;
        this.file = new PropertiesFile(file, "bmpfleet: SSH host keys trusted on first use (device = fingerprint)");
    }

    /**
     * Where the keys are kept.
     *
     * @return the file
     */
    public Path path() {
        return path;
    }

    /**
     * The default location: {@code bmpfleet.known-hosts.file} if set, else {@code bmpfleet-known-hosts} in
     * Karaf's {@code etc} (or the working directory outside Karaf).
     *
     * @return the path
     */
    public static Path defaultFile() {
        return PropertiesFile.inKarafEtc("bmpfleet.known-hosts.file", "bmpfleet-known-hosts");
    }

    /**
     * The fingerprint trusted for a device.
     *
     * @param device the device's name
     * @return its fingerprint, if one was recorded
     */
    public Optional<String> get(final String device) {
        return Optional.ofNullable(file.read().getProperty(device));
    }

    /**
     * Records the fingerprint seen on a device's first login.
     *
     * @param device the device's name
     * @param fingerprint {@code SHA256:...}
     */
    public synchronized void trust(final String device, final String fingerprint) {
        final var props = file.read();
        if (!fingerprint.equals(props.getProperty(device))) {
            props.setProperty(device, fingerprint);
            file.write(props);
        }
    }
}
