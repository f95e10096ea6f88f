package org.websockets4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Helpers shared by the fuzz targets: input cut into pieces, buffers of every kind. */
public final class Pieces {
    private Pieces() {
    }

    /**
     * The rest of the fuzzer's data as pieces of 1 to {@code maxPiece} bytes, each piece's length
     * taken from the data first: the same bytes can thus arrive split anywhere.
     */
    public static List<byte[]> split(FuzzedDataProvider data, int maxPiece) {
        List<byte[]> pieces = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            int length = data.consumeInt(1, maxPiece);
            byte[] piece = data.consumeBytes(length);
            if (piece.length == 0) {
                break;
            }
            pieces.add(piece);
        }
        return pieces;
    }

    /** The pieces joined. */
    public static byte[] join(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * {@code bytes} in a buffer of the given kind: 0 heap, 1 heap with an offset (a slice of a
     * larger array), 2 direct, 3 read-only heap.
     */
    public static ByteBuffer buffer(byte[] bytes, int kind) {
        return switch (kind & 3) {
            case 0 -> ByteBuffer.wrap(bytes.clone());
            case 1 -> {
                byte[] larger = new byte[bytes.length + 7];
                System.arraycopy(bytes, 0, larger, 3, bytes.length);
                yield ByteBuffer.wrap(larger, 3, bytes.length).slice();
            }
            case 2 -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            default -> ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer();
        };
    }

    /** The remaining bytes of {@code buffer}, which is left unchanged. */
    public static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** For failure messages. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
