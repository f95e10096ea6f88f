package org.websockets4j.bench.e2e;

/** A running echo server under test: its port and how to stop it. */
record EchoServer(int port, Stopper stopper) implements AutoCloseable {
    /** Stops a server; may throw anything. */
    @FunctionalInterface
    interface Stopper {
        /** Stops it. */
        void stop() throws Exception;
    }

    @Override
    public void close() throws Exception {
        stopper.stop();
    }
}
