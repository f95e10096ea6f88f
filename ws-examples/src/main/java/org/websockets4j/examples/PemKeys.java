package org.websockets4j.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server {@link SSLContext} from PEM files, as {@code openssl req -x509 -newkey rsa:2048 -nodes}
 * writes them: a certificate chain ({@code CERTIFICATE} blocks, the server's first) and an
 * unencrypted private key, PKCS#8 ({@code PRIVATE KEY}) or RSA PKCS#1 ({@code RSA PRIVATE KEY},
 * re-wrapped into PKCS#8 here). Encrypted keys and other formats are refused with a message
 * saying how to convert them. java.base only.
 */
public final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    /** DER of the AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeys() {
    }

    /**
     * A TLS context serving {@code cert} with {@code key}.
     *
     * @param cert the PEM certificate chain, the server's certificate first
     * @param key  the PEM private key, unencrypted PKCS#8 or PKCS#1
     * @return an initialized context
     * @throws IOException              when a file cannot be read
     * @throws GeneralSecurityException when the files do not hold a usable chain and key (the
     *                                  message says what was found)
     */
    public static SSLContext serverContext(Path cert, Path key) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain;
        try (var in = new ByteArrayInputStream(Files.readAllBytes(cert))) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(cert + " holds no PEM certificate");
        }
        Certificate first = chain.iterator().next();
        PrivateKey privateKey = privateKey(Files.readString(key, StandardCharsets.US_ASCII), first.getPublicKey().getAlgorithm(), key);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("server", privateKey, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /**
     * Parses a PEM private key.
     *
     * @param pem       the file's text
     * @param algorithm the key algorithm ({@code RSA}, {@code EC} ...), from the certificate
     * @param source    the file, for messages
     * @return the key
     * @throws GeneralSecurityException when no supported key block is found or it does not parse
     */
    static PrivateKey privateKey(String pem, String algorithm, Path source) throws GeneralSecurityException {
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            String label = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2).strip());
            switch (label) {
                case "PRIVATE KEY" -> {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                }
                case "RSA PRIVATE KEY" -> {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(source + " holds an encrypted key; decrypt it first: "
                        + "openssl pkcs8 -in " + source + " -out key.pem");
                case "EC PRIVATE KEY" -> throw new GeneralSecurityException(source + " holds a SEC1 EC key; convert it to PKCS#8: "
                        + "openssl pkcs8 -topk8 -nocrypt -in " + source + " -out key.pem");
                default -> {
                    // another block (EC PARAMETERS, a certificate): look further
                }
            }
        }
        throw new GeneralSecurityException(source + " holds no PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
    }

    /**
     * Wraps an RSA PKCS#1 {@code RSAPrivateKey} in a PKCS#8 {@code PrivateKeyInfo}:
     * {@code SEQUENCE { INTEGER 0, rsaEncryption AlgorithmIdentifier, OCTET STRING pkcs1 }}.
     *
     * @param pkcs1 the DER of the RSA key
     * @return the DER of the PKCS#8 structure
     */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(pkcs1.length + 32);
        body.writeBytes(new byte[] {0x02, 0x01, 0x00}); // version 0
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04); // OCTET STRING
        body.writeBytes(derLength(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream(body.size() + 4);
        info.write(0x30); // SEQUENCE
        info.writeBytes(derLength(body.size()));
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    /** A DER definite length: one byte below 128, else 0x80 + the count of big-endian bytes that follow. */
    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
        byte[] out = new byte[1 + bytes];
        out[0] = (byte) (0x80 | bytes);
        for (int i = bytes; i >= 1; i--) {
            out[i] = (byte) length;
            length >>>= 8;
        }
        return out;
    }
}
