package org.websockets4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throwaway certificates for TLS tests, made at test time with {@code openssl} run as a process
 * (a tenth of a second, where the JDK's keytool takes a JVM start per step): a CA, and server
 * certificates it signs. Nothing secret is committed; the files live in a temporary directory
 * deleted when the JVM exits.
 *
 * <p>{@link #get()} makes one set per JVM: a CA, a server certificate for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1} (the usual one), and one for {@code wrong.example} only (a
 * hostname mismatch). Each is available as Java contexts and as PEM files for other peers
 * (Python, Node, nginx). Thread-safe.
 */
public final class TestCertificates {
    /** Protects the in-memory key stores only. */
    private static final String PASSWORD = "testkit";
    private static volatile TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * The certificates of this JVM, made on first use.
     *
     * @return the shared set
     * @throws UncheckedIOException when openssl fails or is missing
     */
    public static TestCertificates get() {
        TestCertificates set = shared;
        if (set == null) {
            synchronized (TestCertificates.class) {
                set = shared;
                if (set == null) {
                    try {
                        set = make();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while making certificates", e);
                    }
                    shared = set;
                }
            }
        }
        return set;
    }

    /**
     * The directory holding the files: {@code ca.pem}, and per server name ({@code server},
     * {@code wrong}) {@code NAME-chain.pem} (its certificate then the CA's) and
     * {@code NAME-key.pem} (unencrypted PKCS#8, as {@code openssl req -nodes} writes it).
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * The CA certificate, PEM.
     *
     * @return its path
     */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /**
     * The server certificate for localhost and 127.0.0.1 followed by the CA's, PEM.
     *
     * @return its path
     */
    public Path serverChainPem() {
        return dir.resolve("server-chain.pem");
    }

    /**
     * The server's private key, unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
     *
     * @return its path
     */
    public Path serverKeyPem() {
        return dir.resolve("server-key.pem");
    }

    /**
     * A server context with the localhost/127.0.0.1 certificate.
     *
     * @return a new context
     */
    public SSLContext serverContext() {
        return context("server", false);
    }

    /**
     * A server context whose certificate names only {@code wrong.example}, signed by the same CA.
     *
     * @return a new context
     */
    public SSLContext wrongNameServerContext() {
        return context("wrong", false);
    }

    /**
     * A client context that trusts the CA only.
     *
     * @return a new context
     */
    public SSLContext clientContext() {
        return context(null, true);
    }

    private SSLContext context(String keyName, boolean trustCa) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            KeyManagerFactory keys = null;
            if (keyName != null) {
                List<Certificate> chain = new ArrayList<>();
                try (InputStream in = Files.newInputStream(dir.resolve(keyName + "-chain.pem"))) {
                    chain.addAll(x509.generateCertificates(in));
                }
                PrivateKey key = KeyFactory.getInstance(chain.get(0).getPublicKey().getAlgorithm())
                        .generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(dir.resolve(keyName + "-key.pem")))));
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(keyName, key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = null;
            if (trustCa) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                try (InputStream in = Files.newInputStream(caPem())) {
                    store.setCertificateEntry("ca", x509.generateCertificate(in));
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a test SSLContext", e);
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /**
     * Whether certificates can be made here: {@code openssl} is on the PATH.
     *
     * @return true when {@link #get()} can work
     */
    public static boolean available() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static TestCertificates make() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("websockets4j-certs");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
                "-subj", "/CN=websockets4j test CA", "-days", "3", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        server(dir, "server", "/CN=localhost", "DNS:localhost,IP:127.0.0.1,IP:::1", 2);
        server(dir, "wrong", "/CN=wrong.example", "DNS:wrong.example", 3);
        return new TestCertificates(dir);
    }

    private static void server(Path dir, String name, String subject, String san, int serial) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), "basicConstraints=critical,CA:FALSE\nsubjectAltName=" + san
                + "\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
        openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem", "-out", name + ".csr",
                "-subj", subject);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-set_serial",
                Integer.toString(serial), "-days", "3", "-extfile", name + ".ext", "-out", name + ".crt");
        Files.writeString(dir.resolve(name + "-chain.pem"),
                Files.readString(dir.resolve(name + ".crt")) + Files.readString(dir.resolve("ca.pem")));
    }

    /**
     * PEM text of {@code der} under {@code label}.
     *
     * @param label for example {@code CERTIFICATE}
     * @param der   the DER bytes
     * @return the PEM block, lines of 64 characters
     */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * The certificates of {@code chain} as PEM.
     *
     * @param chain the certificates
     * @return the PEM text
     * @throws GeneralSecurityException when one cannot be encoded
     */
    public static String pem(Certificate... chain) throws GeneralSecurityException {
        StringBuilder text = new StringBuilder();
        for (Certificate certificate : chain) {
            text.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        return text.toString();
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("openssl did not finish: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException("openssl failed (" + process.exitValue() + "): " + String.join(" ", args) + "\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
