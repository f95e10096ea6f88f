package org.websockets4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.websockets4j.client.ClientOptions;
import org.websockets4j.client.WebSocketClient;
import org.websockets4j.protocol.Message;
import org.websockets4j.protocol.WebSocket;
import org.websockets4j.server.ServerOptions;
import org.websockets4j.server.WebSocketServer;

/**
 * Large compressed text, fragmented, arriving in many reads: its continuation frames carry no
 * RSV1 but are compressed, so their bytes must not be taken for text before they are inflated
 * (a regression the Python and nginx interop cells caught).
 */
@Timeout(60)
class DeflateLargeTextTest {
    @Test
    void aFragmentedCompressedTextMessageOfMultiByteCharactersEchoesIntact() throws Exception {
        Random random = new Random(5);
        int[] codePoints = "aé€😀ж".codePoints().toArray();
        List<String> pieces = new ArrayList<>();
        StringBuilder whole = new StringBuilder();
        for (int p = 0; p < 3; p++) {
            StringBuilder piece = new StringBuilder();
            for (int i = 0; i < 1_500_000; i++) {
                piece.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            pieces.add(piece.toString());
            whole.append(piece);
        }
        try (WebSocketServer server = WebSocketServer.serve(ws -> {
                for (Message message : ws) {
                    ws.send(message);
                }
            }, "127.0.0.1", 0, ServerOptions.builder().maxSize(32L << 20).build());
             WebSocket ws = WebSocketClient.connect("ws://127.0.0.1:" + server.port() + "/",
                     ClientOptions.builder().maxSize(32L << 20).build())) {
            ws.send(pieces);
            assertEquals(whole.toString(), ws.recvText());
        }
    }
}
