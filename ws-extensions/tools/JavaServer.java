import org.websockets4j.protocol.Message;
import org.websockets4j.server.WebSocketServer;
public class JavaServer {
    public static void main(String[] args) throws Exception {
        try (WebSocketServer server = WebSocketServer.serve(ws -> { for (Message m : ws) ws.send(m); }, "127.0.0.1", Integer.parseInt(args[0]))) {
            Thread.sleep(40_000);
        }
    }
}
