import java.io.*;
import java.nio.ByteBuffer;
import java.util.Random;
import org.websockets4j.extensions.permessagedeflate.*;
import org.websockets4j.framing.*;

public class Dump {
    public static void main(String[] args) throws Exception {
        int bits = Integer.parseInt(args[0]);
        boolean noContext = Boolean.parseBoolean(args[1]);
        PerMessageDeflate ext = new PerMessageDeflate(false, noContext, 15, bits,
                CompressionSettings.builder().threshold(0).build());
        Random random = new Random(bits);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(args[2])))) {
            for (int m = 0; m < 12; m++) {
                int size = new int[] {10, 100, 1000, 5000, 40000, 70000}[m % 6];
                byte[] data = new byte[size];
                for (int i = 0; i < size; ) {
                    int block = 8 + random.nextInt(100);
                    if (i > 16 && random.nextBoolean()) {
                        int d = 1 + random.nextInt(Math.min(i, 40000));
                        for (int k = 0; k < block && i < size; k++, i++) data[i] = data[i - d];
                    } else {
                        for (int k = 0; k < block && i < size; k++, i++) data[i] = (byte) ('a' + random.nextInt(26));
                    }
                }
                Frame f = ext.encode(Frame.binary(data));
                byte[] c = f.payloadBytes();
                out.writeInt(data.length); out.write(data);
                out.writeInt(c.length); out.write(c);
            }
        }
    }
}
