package org.websockets4j.server;

import java.util.List;
import org.websockets4j.http.AbortHandshake;
import org.websockets4j.http.Response;

/** Runs {@link ServerOptions#processResponse()} for {@link ServerHandshake} and checks its answer. Stateless. */
final class ResponseHooks {
    private ResponseHooks() {
    }

    /**
     * Runs {@code hook} on the response drafted and checks what it returned against
     * {@link ResponseProcessor}'s contract.
     *
     * @throws RuntimeException what the hook threw, or an {@link IllegalStateException} when its
     *                          answer breaks the contract (both become a 500)
     */
    static HandshakeDraft apply(ResponseProcessor hook, HandshakeContext context, HandshakeDraft draft,
                                ResponseBuilder responses) {
        Response given = draft.response();
        Response returned = hook.process(context, given);
        if (returned == null || returned == given) {
            return draft;
        }
        if (returned.status() == 101) {
            if (draft.cause() != null) {
                throw new IllegalStateException("processResponse returned a 101 in place of a " + given.status()
                        + " refusal; a refused handshake cannot be accepted there: return null to keep it, or another refusal");
            }
            for (String name : List.of("Upgrade", "Connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Extensions",
                    "Sec-WebSocket-Protocol")) {
                if (!returned.headers().getAll(name).equals(given.headers().getAll(name))) {
                    throw new IllegalStateException("processResponse changed the 101's " + name
                            + " header; the connection was negotiated with it, so keep it as it was");
                }
            }
            if (returned.body().length > 0) {
                throw new IllegalStateException("processResponse gave the 101 a body; a 101 has none");
            }
            return new HandshakeDraft(returned, null, draft.subprotocol(), draft.extensions());
        }
        HttpResponse refusal;
        try {
            refusal = new HttpResponse(returned.status(), returned.headers(), returned.body());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("processResponse returned a response that cannot end a connection: "
                    + e.getMessage(), e);
        }
        Response completed = responses.closing(refusal.status(), refusal.headers(), returned.body());
        Throwable cause = draft.cause() != null ? draft.cause()
                : new AbortHandshake(refusal.status(), refusal.headers(), returned.body());
        return new HandshakeDraft(new Response(completed.status(), returned.reason(), completed.headers(), completed.body()),
                cause, null, List.of());
    }
}
