/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Credentials for device management, kept in one properties file readable by the controller's user only
 * (mode 0600), never in the datastore. Secrets go in and come out only to the drivers that log in with them.
 *
 * <p>The file is a {@link PropertiesFile}: mode 0600, replaced atomically, parsed again only when it changed.
 */
public final class CredentialStore {
    private static final String USERNAME = ".username";
    private static final String PASSWORD = ".password";
    private static final String ENABLE = ".enable-secret";

    private final PropertiesFile file;

    public CredentialStore(final Path file) {
        this.file = new PropertiesFile(file, "bmpfleet device credentials: set with the set-credentials RPC");
    }

    /**
     * The default location: {@code bmpfleet.credentials.file} if set, else {@code bmpfleet-credentials.properties}
     * in Karaf's {@code etc} directory (or the working directory outside Karaf).
     *
     * @return the file path
     */
    public static Path defaultFile() {
        return PropertiesFile.inKarafEtc("bmpfleet.credentials.file", "bmpfleet-credentials.properties");
    }

    /**
     * Looks a credential set up by name.
     *
     * @param name the name devices refer to
     * @return the credential, if stored
     */
    public synchronized Optional<Credential> lookup(final String name) {
        final var props = file.read();
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
        final var props = file.read();
        props.setProperty(name + USERNAME, credential.username());
        setOrRemove(props, name + PASSWORD, credential.password());
        setOrRemove(props, name + ENABLE, credential.enableSecret());
        file.write(props);
    }

    /**
     * Forgets a credential set.
     *
     * @param name its name
     * @return whether it was there
     */
    public synchronized boolean remove(final String name) {
        final var props = file.read();
        final boolean present = props.remove(name + USERNAME) != null;
        props.remove(name + PASSWORD);
        props.remove(name + ENABLE);
        file.write(props);
        return present;
    }

    private static void setOrRemove(final Properties props, final String key, final String value) {
        if (value == null) {
            props.remove(key);
        } else {
            props.setProperty(key, value);
        }
    }
}
