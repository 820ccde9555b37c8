/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.opendaylight.aaa.encrypt.AAAEncryptionService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials for device management and TCP-MD5 keys, kept in one properties file readable by the controller's
 * user only (mode 0600), never in the datastore; the one owner of that file, published for the components that
 * log in or sign with them. Secrets go in and come out only to the drivers that use them; at rest they are sealed
 * with OpenDaylight AAA's encryption service ({@link SecretCipher#aaa}). Secrets found in clear text (a file from
 * before, or edited by hand) are sealed when the store starts.
 *
 * <p>The file is a {@link PropertiesFile}: mode 0600, replaced atomically, parsed again only when it changed.
 */
@Component(service = CredentialStore.class)
public final class CredentialStore {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);
    private static final String USERNAME = ".username";
    private static final String PASSWORD = ".password";
    private static final String ENABLE = ".enable-secret";

    private final PropertiesFile file;
    private final SecretCipher cipher;

    @Activate
    public CredentialStore(@Reference final AAAEncryptionService encryption) {
        this(defaultFile(), SecretCipher.aaa(encryption));
    }

    /**
     * A store.
     *
     * @param file where it keeps the credentials
     * @param cipher how secrets are kept at rest
     */
    public CredentialStore(final Path file, final SecretCipher cipher) {
        this.file = new PropertiesFile(file, "bmpfleet device credentials: set with the set-credentials RPC;"
            + " secrets sealed with the controller's AAA encryption key");
        this.cipher = cipher;
        sealClearSecrets();
    }

    /**
     * A store that keeps secrets in clear text: for tests and offline tools.
     *
     * @param file where it keeps the credentials
     * @return the store
     */
    public static CredentialStore unencrypted(final Path file) {
        return new CredentialStore(file, SecretCipher.NONE);
    }

    private synchronized void sealClearSecrets() {
        final var props = file.read();
        int sealed = 0;
        for (var key : props.stringPropertyNames()) {
            if ((key.endsWith(PASSWORD) || key.endsWith(ENABLE)) && !cipher.isSealed(props.getProperty(key))) {
                props.setProperty(key, cipher.seal(props.getProperty(key)));
                sealed++;
            }
        }
        if (sealed > 0) {
            file.write(props);
            LOG.info("Sealed {} secrets of {} that were kept in clear text", sealed, file.path());
        }
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
            : Optional.of(new Credential(username, open(props.getProperty(name + PASSWORD)),
                open(props.getProperty(name + ENABLE))));
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
        setOrRemove(props, name + PASSWORD, seal(credential.password()));
        setOrRemove(props, name + ENABLE, seal(credential.enableSecret()));
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

    private String seal(final String secret) {
        return secret == null ? null : cipher.seal(secret);
    }

    private String open(final String stored) {
        return stored == null ? null : cipher.open(stored);
    }

    private static void setOrRemove(final Properties props, final String key, final String value) {
        if (value == null) {
            props.remove(key);
        } else {
            props.setProperty(key, value);
        }
    }
}
