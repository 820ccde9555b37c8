/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS certificate and key, as PEM files: the configured ones, or a self-signed one made at first start
 * (EC P-256, valid ten years, for localhost, 127.0.0.1, ::1 and the host's name) whose SHA-256 fingerprint the
 * server logs so that clients can pin it.
 *
 * @param certificate the PEM certificate file
 * @param key the PEM PKCS#8 key file
 * @param fingerprint the certificate's SHA-256 fingerprint, {@code AA:BB:...} as {@code openssl x509 -fingerprint}
 *     prints it
 * @param created whether this start made them
 */
record ServerCertificate(Path certificate, Path key, String fingerprint, boolean created) {
    private static final Duration VALIDITY = Duration.ofDays(3650);

    /**
     * Loads the files, or makes a self-signed pair when neither exists.
     *
     * @param certificate the certificate file
     * @param key the key file
     * @return the certificate
     * @throws IOException when only one of the files exists, or they cannot be read or written
     */
    static ServerCertificate loadOrCreate(final Path certificate, final Path key) throws IOException {
        final boolean hasCertificate = Files.exists(certificate);
        final boolean hasKey = Files.exists(key);
        if (hasCertificate != hasKey) {
            throw new IOException("the gRPC server needs both " + certificate + " and " + key + " (only "
                + (hasCertificate ? certificate : key) + " exists); remove it to have a self-signed pair made");
        }
        if (!hasCertificate) {
            create(certificate, key);
            return new ServerCertificate(certificate, key, fingerprint(certificate), true);
        }
        return new ServerCertificate(certificate, key, fingerprint(certificate), false);
    }

    private static void create(final Path certificate, final Path key) throws IOException {
        try {
            final var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            final var pair = generator.generateKeyPair();
            final var host = hostName();
            final var subject = new X500Name("CN=bmpfleet " + host);
            final var now = Instant.now();
            final var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
                pair.getPublic());
            final List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")));
            if (!"localhost".equals(host)) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            final var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            final X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            Files.createDirectories(certificate.toAbsolutePath().getParent());
            Files.createDirectories(key.toAbsolutePath().getParent());
            writeAtomically(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            writeAtomically(certificate, pem("CERTIFICATE", cert.getEncoded()), false);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a self-signed certificate for the gRPC server", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

    private static void writeAtomically(final Path file, final String text, final boolean secret)
            throws IOException {
        final var temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The SHA-256 fingerprint of the first certificate in a PEM file.
     *
     * @param certificate the file
     * @return {@code AA:BB:...}
     * @throws IOException when the file holds no certificate
     */
    static String fingerprint(final Path certificate) throws IOException {
        try (var in = Files.newInputStream(certificate)) {
            final var cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            final var hex = HexFormat.ofDelimiter(":").withUpperCase();
            return hex.formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException(certificate + " holds no X.509 certificate", e);
        }
    }
}
