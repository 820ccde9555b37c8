/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opendaylight.aaa.encrypt.AAAEncryptionService;

/**
 * Secrets at rest: sealed by the encryption service, never in the file in clear text (a clear-text file from
 * before is sealed when the store starts), opened for lookups; the file is replaced whole, and a write that fails
 * leaves the old file and nothing else.
 */
public class CredentialStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** AES-GCM with a key of its own: the store's contract with AAA's service is only encrypt and decrypt. */
    private static final class TestEncryption implements AAAEncryptionService {
        private final SecretKey key;
        private final SecureRandom random = new SecureRandom();

        TestEncryption() throws GeneralSecurityException {
            final var generator = KeyGenerator.getInstance("AES");
            generator.init(128);
            key = generator.generateKey();
        }

        @Override
        public byte[] encrypt(final byte[] data) throws GeneralSecurityException {
            final byte[] iv = new byte[12];
            random.nextBytes(iv);
            final var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            final byte[] sealed = cipher.doFinal(data);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        }

        @Override
        public byte[] decrypt(final byte[] data) throws GeneralSecurityException {
            final var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, data, 0, 12));
            return cipher.doFinal(data, 12, data.length - 12);
        }
    }

    @Test
    public void secretsAreSealedInTheFileAndOpenedForLookups() throws Exception {
        final Path file = tmp.getRoot().toPath().resolve("credentials.properties");
        final var store = new CredentialStore(file, SecretCipher.aaa(new TestEncryption()));
        store.put("lab", new Credential("bmpfleet", "s3cret-Pa55", "en-able"));
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("s3cret-Pa55").doesNotContain("en-able")
            .contains("lab.username=bmpfleet", "lab.password=aaa\\:", "lab.enable-secret=aaa\\:");
        assertThat(store.lookup("lab")).hasValue(new Credential("bmpfleet", "s3cret-Pa55", "en-able"));
        assertThat(Files.getPosixFilePermissions(file))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(store.remove("lab")).isTrue();
        assertThat(store.lookup("lab")).isEmpty();
    }

    @Test
    public void clearTextSecretsFromBeforeAreSealedAtStart() throws Exception {
        final Path file = tmp.getRoot().toPath().resolve("credentials.properties");
        final var old = new Properties();
        old.setProperty("ios.username", "admin");
        old.setProperty("ios.password", "plain-old");
        try (var out = Files.newOutputStream(file)) {
            old.store(out, null);
        }
        final var encryption = new TestEncryption();
        final var store = new CredentialStore(file, SecretCipher.aaa(encryption));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("plain-old")
            .contains("ios.password=aaa\\:");
        assertThat(store.lookup("ios").orElseThrow().password()).isEqualTo("plain-old");
        // Another controller's key cannot open them, and says why.
        final var other = new CredentialStore(file, SecretCipher.aaa(new TestEncryption()));
        assertThatThrownBy(() -> other.lookup("ios")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("another AAA encryption key");
    }

    @Test
    public void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        final Path dir = tmp.newFolder("etc").toPath();
        final Path file = dir.resolve("known-hosts.properties");
        final var properties = new PropertiesFile(file, "test");
        final var first = new Properties();
        first.setProperty("a", "1");
        properties.write(first);
        // The rename cannot replace a non-empty directory: make the file one, write, and look for leftovers.
        final Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("inside"));
        final var failing = new PropertiesFile(blocked, "test");
        assertThatThrownBy(() -> failing.write(first)).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("cannot write " + blocked);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                .containsExactly("blocked", "known-hosts.properties");
        }
        assertThat(properties.read()).isEqualTo(first);
    }

    @Test
    public void tcpMd5KeysAreOneToEightyBytes() {
        assertThat(TcpMd5Key.problem("k")).isNull();
        final char[] eighty = new char[80];
        Arrays.fill(eighty, 'x');
        assertThat(TcpMd5Key.problem(new String(eighty))).isNull();
        assertThat(TcpMd5Key.problem(new String(eighty) + "x")).contains("1 to 80 bytes", "81 bytes");
        // bytes, not characters: 41 two-byte characters are 82 bytes
        final char[] wide = new char[41];
        Arrays.fill(wide, 'é');
        assertThat(TcpMd5Key.problem(new String(wide))).contains("82 bytes");
        assertThat(TcpMd5Key.problem("")).contains("has none");
    }
}
