package org.websockets4j.protocol;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

/**
 * Iterates over a WebSocket's messages with {@code recv()}: ends when the connection closes with
 * 1000 or 1001, throws {@link ConnectionClosedError} when it closes with any other code. Like
 * {@code recv()}, only one thread may wait at a time.
 */
final class MessageIterator implements Iterator<Message> {
    private final WebSocket webSocket;
    private Message next;
    private boolean done;

    MessageIterator(WebSocket webSocket) {
        this.webSocket = webSocket;
    }

    /**
     * Waits for the next message.
     *
     * @throws ConnectionClosedError  when the connection closed with an error code
     * @throws CancellationException  when the thread is interrupted while waiting (its interrupt
     *                                status is set again; no message is lost)
     * @throws IllegalStateException  when another thread is already waiting for a message
     */
    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            next = webSocket.receiver().receive(null); // not recv(): one frame less on a parked stack
            return true;
        } catch (ConnectionClosedOK e) {
            done = true;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while waiting for the next message");
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    @Override
    public Message next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the connection is closed");
        }
        Message message = next;
        next = null;
        return message;
    }
}
