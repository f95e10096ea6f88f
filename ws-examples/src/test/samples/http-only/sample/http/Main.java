package sample.http;

import java.nio.ByteBuffer;
import java.util.TreeSet;
import org.websockets4j.http.Handshake;
import org.websockets4j.http.Headers;
import org.websockets4j.http.Request;
import org.websockets4j.http.RequestReader;
import org.websockets4j.http.WebSocketUri;

/** Builds a handshake request, reads it back as a server would, and shows which modules it ran with. */
public final class Main {
    private Main() {
    }

    /** Prints the parsed URI, the request the server read and the accept key, then the boot layer's modules. */
    public static void main(String[] args) {
        WebSocketUri uri = WebSocketUri.parse("ws://localhost:8765/chat?room=1");
        System.out.println("uri " + uri.hostHeader() + " " + uri.resourceName());

        Headers headers = Headers.of("Host", uri.hostHeader());
        String key = Handshake.buildRequest(headers);
        byte[] bytes = Request.get(uri.resourceName(), headers).serialize();

        Request received = new RequestReader().read(ByteBuffer.wrap(bytes));
        String checked = Handshake.checkRequest(received.headers());
        System.out.println("server read " + received.method() + " " + received.path()
                + (checked.equals(key) ? ", key intact" : ", key CHANGED"));
        // The example key of RFC 6455 §1.3.
        System.out.println("accept " + Handshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
        System.out.println("modules " + new TreeSet<>(ModuleLayer.boot().modules().stream().map(Module::getName).toList()));
    }
}
