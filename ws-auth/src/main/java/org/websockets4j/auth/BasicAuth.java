package org.websockets4j.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.websockets4j.http.BasicCredentials;
import org.websockets4j.http.HeaderGrammar;
import org.websockets4j.http.Headers;
import org.websockets4j.http.InvalidHeader;
import org.websockets4j.server.HandshakeContext;
import org.websockets4j.server.HttpResponse;
import org.websockets4j.server.RequestHook;

/**
 * HTTP Basic authentication (RFC 7617) for a server's opening handshakes: Python websockets'
 * {@code basic_auth} ({@code basic_auth_protocol_factory} in version 8). A request hook:
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *         .processRequest(BasicAuth.of("chat", Map.of("alice", "s3cret", "bob", "hunter2")))
 *         .build();
 * // in the handler: Authentication.username(ws) is "alice" or "bob"
 * }</pre>
 *
 * <p>What a request gets:
 * <ul>
 *   <li>no {@code Authorization} header, or one of another scheme (a {@code Bearer} token):
 *       {@code 401 Unauthorized} with {@code WWW-Authenticate: Basic realm="…", charset="UTF-8"};</li>
 *   <li>{@code Basic} credentials that are not valid (not base64, no colon, not UTF-8, control
 *       characters), or two {@code Authorization} headers: {@code 400 Bad Request};</li>
 *   <li>a user name and password that the credentials do not accept: {@code 401}, as above;</li>
 *   <li>accepted ones: the handshake goes on, and the user name is stored on the connection as
 *       {@link Authentication#USERNAME}.</li>
 * </ul>
 *
 * <p>A fixed set of credentials ({@link #of(String, Map)}) is checked in time independent of which
 * user name was given and of where a password differs: every entry is compared, through SHA-256
 * digests ({@link TimingSafe}); only digests of the passwords are kept. A check function
 * ({@link #of(String, CredentialsCheck)}) is responsible for its own timing.
 *
 * <p>To run your own {@code processRequest} too, chain them:
 * {@code RequestProcessor.chain(BasicAuth.of(...), health)} authenticates first. Browsers cannot
 * send credentials given in a {@code ws://user:pass@host/} URL; see {@link Authenticator} for tokens.
 *
 * <p>Immutable and thread-safe (when the check function is).
 */
public final class BasicAuth implements RequestHook {
    private static final HttpResponse MALFORMED = HttpResponse.text(400, "Malformed credentials\n");

    /**
     * Decides whether a user name and password are valid. Called once per request carrying Basic
     * credentials, on the handshake's thread; must be thread-safe. Compare secrets with
     * {@link TimingSafe}.
     */
    @FunctionalInterface
    public interface CredentialsCheck {
        /**
         * Checks credentials.
         *
         * @param username the user name sent, without a colon
         * @param password the password sent
         * @return true to accept them; an exception thrown is a server bug, answered {@code 500}
         */
        boolean check(String username, String password);
    }

    private final String realm;
    private final String challenge;
    private final CredentialsCheck check;

    private BasicAuth(String realm, CredentialsCheck check) {
        this.realm = realm;
        this.challenge = HeaderGrammar.buildWwwAuthenticateBasic(realm);
        this.check = check;
    }

    /**
     * Basic authentication against a fixed set of user names and passwords.
     *
     * @param realm       the protection space named in the challenge (shown by browsers)
     * @param credentials user name to password; copied (as digests)
     * @return the hook
     * @throws IllegalArgumentException when the realm cannot be quoted in a header (a control
     *                                  character), the set is empty, or a user name holds a colon
     * @throws NullPointerException     when an argument, a user name or a password is null
     */
    public static BasicAuth of(String realm, Map<String, String> credentials) {
        Objects.requireNonNull(realm, "realm");
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("credentials is empty: nobody could log in; give at least one user");
        }
        List<byte[][]> digests = new ArrayList<>(credentials.size());
        credentials.forEach((user, password) -> {
            new BasicCredentials(user, password); // checks: no null, no colon in the user name
            digests.add(new byte[][] {TimingSafe.sha256(user), TimingSafe.sha256(password)});
        });
        List<byte[][]> frozen = List.copyOf(digests);
        return new BasicAuth(realm, (user, password) -> {
            byte[] userDigest = TimingSafe.sha256(user);
            byte[] passwordDigest = TimingSafe.sha256(password);
            boolean accepted = false;
            for (byte[][] entry : frozen) { // every entry, no early exit: time says nothing of who matched
                accepted |= MessageDigest.isEqual(entry[0], userDigest) & MessageDigest.isEqual(entry[1], passwordDigest);
            }
            return accepted;
        });
    }

    /**
     * Basic authentication decided by a function, for credentials kept elsewhere (a database, a
     * password file with salted hashes).
     *
     * @param realm the protection space named in the challenge
     * @param check decides, thread-safe
     * @return the hook
     * @throws IllegalArgumentException when the realm cannot be quoted in a header
     * @throws NullPointerException     when an argument is null
     */
    public static BasicAuth of(String realm, CredentialsCheck check) {
        Objects.requireNonNull(realm, "realm");
        return new BasicAuth(realm, Objects.requireNonNull(check, "check"));
    }

    /**
     * The realm of the challenge.
     *
     * @return the realm given at creation
     */
    public String realm() {
        return realm;
    }

    /**
     * Checks the request's {@code Authorization} header; see the class description.
     *
     * @param context the request; on success its {@link Authentication#USERNAME} is set
     * @return null to go on with the handshake, or the {@code 400} or {@code 401} to send
     */
    @Override
    public HttpResponse process(HandshakeContext context) {
        List<String> values = context.requestHeaders().getAll("Authorization");
        if (values.isEmpty()) {
            return unauthorized("Missing credentials\n");
        }
        if (values.size() > 1) {
            return MALFORMED;
        }
        String value = values.get(0).strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) {
            return unauthorized("Unsupported credentials\n");
        }
        BasicCredentials credentials;
        try {
            credentials = HeaderGrammar.parseAuthorizationBasic(value);
        } catch (InvalidHeader e) {
            return MALFORMED;
        }
        if (!check.check(credentials.username(), credentials.password())) {
            return unauthorized("Invalid credentials\n");
        }
        context.setAttribute(Authentication.USERNAME, credentials.username());
        return null;
    }

    private HttpResponse unauthorized(String why) {
        HttpResponse text = HttpResponse.text(401, why);
        Headers headers = text.headers().copy().add("WWW-Authenticate", challenge);
        return new HttpResponse(401, headers, text.body());
    }

    /** For example {@code BasicAuth[realm=chat]}; credentials are never shown. */
    @Override
    public String toString() {
        return "BasicAuth[realm=" + realm + "]";
    }
}
