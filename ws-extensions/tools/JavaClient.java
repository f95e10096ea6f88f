import java.util.*;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.WebSocket;
public class JavaClient {
    public static void main(String[] args) throws Exception {
        try (WebSocket ws = WebSocketClient.connect(args[0])) {
            System.out.println("answer: " + ws.responseHeaders().get("Sec-WebSocket-Extensions"));
            Random random = new Random(1);
            for (int size : new int[] {10, 100, 5000, 100_000, 300_000}) {
                byte[] data = new byte[size];
                for (int i = 0; i < size; ) {
                    int block = 8 + random.nextInt(100);
                    if (i > 16 && random.nextBoolean()) { int d = 1 + random.nextInt(Math.min(i, 40000)); for (int k = 0; k < block && i < size; k++, i++) data[i] = data[i - d]; }
                    else for (int k = 0; k < block && i < size; k++, i++) data[i] = (byte) ('a' + random.nextInt(26));
                }
                ws.send(data);
                if (!Arrays.equals(data, ws.recvBinary())) throw new AssertionError("binary " + size);
                String text = new String(data, java.nio.charset.StandardCharsets.US_ASCII);
                ws.send(text);
                if (!text.equals(ws.recvText())) throw new AssertionError("text " + size);
            }
            System.out.println("echo OK through " + args[0]);
        }
    }
}
