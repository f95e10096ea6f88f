// usage: java ws-bench/scripts/ParkedStackChunk.java DEPTH, then jcmd PID GC.class_histogram | grep StackChunk:
// the heap a parked virtual thread keeps for its stack, with DEPTH extra frames of its own.
import java.util.concurrent.locks.LockSupport;
public class ParkedStackChunk {
    static volatile boolean stop;
    static void deep(int n) { if (n == 0) { while (!stop) LockSupport.park(); } else deep(n - 1); }
    public static void main(String[] a) throws Exception {
        int depth = Integer.parseInt(a[0]);
        for (int i = 0; i < 10000; i++) Thread.ofVirtual().start(() -> deep(depth));
        Thread.sleep(3000);
        System.out.println("ready " + ProcessHandle.current().pid());
        Thread.sleep(600000);
    }
}
