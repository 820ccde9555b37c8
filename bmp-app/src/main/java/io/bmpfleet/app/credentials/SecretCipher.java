/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.opendaylight.aaa.encrypt.AAAEncryptionService;

/**
 * How the credential store keeps secrets at rest: sealed as text for the properties file, opened for the drivers
 * that log in with them.
 */
public interface SecretCipher {
    /** The prefix of a value sealed with OpenDaylight AAA's encryption service. */
    String AAA_PREFIX = "aaa:";

    /** Keeps secrets as they are: for tests and offline tools, never inside the controller. */
    SecretCipher NONE = new SecretCipher() {
        @Override
        public String seal(final String secret) {
            return secret;
        }

        @Override
        public String open(final String stored) {
            return stored;
        }

        @Override
        public boolean isSealed(final String stored) {
            return true;
        }
    };

    /**
     * Seals a secret for the file.
     *
     * @param secret the secret
     * @return the text to store
     * @throws IllegalStateException if the secret cannot be sealed
     */
    String seal(String secret);

    /**
     * Opens a stored value; a value stored before secrets were sealed comes back as it is.
     *
     * @param stored the text in the file
     * @return the secret
     * @throws IllegalStateException if the value is sealed but cannot be opened (another controller's key)
     */
    String open(String stored);

    /**
     * Whether a stored value is sealed the way this cipher seals.
     *
     * @param stored the text in the file
     * @return false for a value kept in clear text (to be sealed at the next write)
     */
    boolean isSealed(String stored);

    /**
     * Secrets sealed by OpenDaylight AAA's encryption service (its key and salt are the controller's, in
     * {@code etc/opendaylight/datastore/initial/config/aaa-encrypt-service-config.xml}), stored as
     * {@code aaa:BASE64}.
     *
     * @param service the encryption service
     * @return the cipher
     */
    static SecretCipher aaa(final AAAEncryptionService service) {
        return new SecretCipher() {
            @Override
            public String seal(final String secret) {
                try {
                    return AAA_PREFIX + Base64.getEncoder().encodeToString(
                        service.encrypt(secret.getBytes(StandardCharsets.UTF_8)));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot encrypt a credential: " + e.getMessage(), e);
                }
            }

            @Override
            public String open(final String stored) {
                if (!isSealed(stored)) {
                    return stored;
                }
                try {
                    return new String(service.decrypt(Base64.getDecoder().decode(
                        stored.substring(AAA_PREFIX.length()))), StandardCharsets.UTF_8);
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw new IllegalStateException("cannot decrypt a stored credential (was it written by another"
                        + " controller, with another AAA encryption key?): " + e.getMessage(), e);
                }
            }

            @Override
            public boolean isSealed(final String stored) {
                return stored.startsWith(AAA_PREFIX);
            }
        };
    }
}
