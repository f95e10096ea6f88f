package org.websockets4j.protocol;

import java.net.SocketAddress;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.FrameData;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.Role;
import org.websockets4j.http.Headers;
import org.websockets4j.protocol.internal.ConnectionState;
import org.websockets4j.protocol.internal.HandshakeInfo;
import org.websockets4j.protocol.internal.LogSafe;
import org.websockets4j.protocol.internal.ProtocolAccess;
import org.websockets4j.protocol.internal.SharedSend;
import org.websockets4j.protocol.internal.Transport;

/**
 * An open WebSocket connection, on the server or the client side: Python websockets'
 * {@code WebSocketCommonProtocol}. Servers hand one to each connection handler; clients get one
 * from {@code connect}.
 *
 * <h2>Two flavours of every operation</h2>
 * Blocking methods ({@link #recv()}, {@link #send(String)}, {@link #close()}, ...) are meant for
 * virtual threads: they park the thread without pinning it. Methods named {@code *Async} return a
 * {@link CompletableFuture} instead. The futures this class returns are completed in the thread
 * that made them complete: a message, a pong or a close that arrived completes them on the
 * library's I/O thread, so their dependent actions run there and must not block (use the
 * {@code *Async} methods of this class, or {@code CompletableFuture}'s {@code *Async} methods with
 * an executor of your own). This is what lets an async server answer a message with no thread
 * hand-off, as an asyncio or Netty event loop does.
 *
 * <h2>Receiving</h2>
 * Incoming messages wait in a queue for {@link #recv()}, {@link #recvAsync()} or iteration
 * ({@code for (Message m : ws)}). When {@code maxQueue} messages are waiting, the connection stops
 * reading until one is taken, so the peer slows down instead of memory growing (keepalive pongs
 * are not read then either: a consumer that stalls for longer than the ping interval plus the ping
 * timeout loses the connection with 1011). Once this side has started the closing handshake,
 * reading goes on regardless, so that the peer's close frame is seen, and messages arriving while
 * {@code maxQueue} messages wait unread are dropped. Once the connection is closed, the messages still
 * queued are returned, then {@code recv} throws the connection's {@link ConnectionClosed}:
 * {@link ConnectionClosedOK} after a closure with 1000 or 1001, {@link ConnectionClosedError}
 * otherwise. A message too large to hold is read fragment by fragment with {@link #recvStream()}.
 *
 * <h2>Sending</h2>
 * A send queues the message's frames and returns at once unless the write buffer holds more than
 * {@code writeLimit} bytes; then it waits (or its future stays incomplete) until the buffer drains
 * to {@code writeLimit / 4}. Data is copied, so the caller may reuse its array or buffer as soon
 * as the call returns. Messages never interleave: each message's frames leave contiguously, even
 * with many senders, and while a fragmented message ({@link #send(Iterable)},
 * {@link #sendStream(boolean)}) is in progress the other data sends wait for it.
 *
 * <h2>Closing</h2>
 * When the connection is closing, sends, pongs and pings fail with the connection's
 * {@link ConnectionClosed} once it has closed (they wait for that, as Python websockets does);
 * when it is closed, they fail at once. {@link #close()} runs the closing handshake and waits for
 * the TCP connection to end; it never takes longer than 4 × {@code closeTimeout} on a server and
 * 5 × on a client, after which the TCP connection is aborted.
 *
 * <h2>Thread-safety</h2>
 * Every method may be called from any thread, concurrently. Only one receive may wait at a time
 * (a second one throws {@link IllegalStateException}, as Python's "cannot call recv while another
 * coroutine is already waiting").
 *
 * @see org.websockets4j.protocol.ConnectionOptions
 */
public final class WebSocket implements AutoCloseable, Iterable<Message> {
    static {
        ProtocolAccess.register(WebSocket::open);
        ProtocolAccess.registerInternals(new ProtocolAccess.Internals() {
            @Override
            public SharedSend sendShared(WebSocket webSocket, boolean text, ByteBuffer sharedPayload) {
                return Sender.sendShared(webSocket.driver, text ? Opcode.TEXT : Opcode.BINARY, sharedPayload.duplicate());
            }

            @Override
            public long bufferedBytes(WebSocket webSocket) {
                return webSocket.bufferedBytes();
            }
        });
    }

    private final Driver driver;
    private final HandshakeInfo handshake;
    /** Identity and attributes: the server's hooks filled it in, or it starts empty. */
    private final ConnectionState state;

    private WebSocket(Driver driver, HandshakeInfo handshake, ConnectionState state) {
        this.driver = driver;
        this.handshake = handshake;
        this.state = state;
    }

    /** The {@link ProtocolAccess.Opener} behind {@code org.websockets4j.protocol.internal.WebSockets#open}. */
    private static WebSocket open(Transport transport, Role role, ConnectionOptions options,
                                  List<? extends ExtensionCodec> codecs, ByteBuffer leftover, HandshakeInfo handshake) {
        ConnectionState state = handshake.state() != null ? handshake.state() : new ConnectionState();
        ConnectionRecorder recorder = new ConnectionRecorder(handshake.observer(), state, role, transport.remoteAddress());
        Driver driver = new Driver(transport, role, options, codecs, recorder);
        WebSocket webSocket = new WebSocket(driver, handshake, state);
        driver.start(leftover);
        return webSocket;
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Receives the next message, waiting until one arrives.
     *
     * <p>Interrupting the waiting thread is safe: no message is lost, the next call returns it.
     *
     * @return the next message, {@link Message.Text} or {@link Message.Binary}
     * @throws ConnectionClosed      when the connection is closed and no message is left:
     *                               {@link ConnectionClosedOK} for 1000 and 1001,
     *                               {@link ConnectionClosedError} otherwise
     * @throws IllegalStateException when another thread is already waiting in a receive, or when
     *                               it would wait on the library's I/O thread (in a callback of one
     *                               of this library's futures): use {@link #recvAsync()} there
     * @throws InterruptedException  when the thread is interrupted while waiting
     */
    public Message recv() throws InterruptedException {
        return driver.receiver.receive(null);
    }

    /** The receiving side, for this package's iterators (which call it directly: one frame less while parked). */
    Receiver receiver() {
        return driver.receiver;
    }

    /**
     * Receives the next message as a stream of its fragments, as they arrive (websockets'
     * {@code recv_streaming}), for messages too large to hold: binary data is read from the
     * returned {@link InputStream}, text from its {@link MessageStream#reader()}. It returns once
     * the message's first fragment arrived (at once when the message, or its beginning, is
     * already here).
     *
     * <p>Limits: {@link ConnectionOptions#maxSize()} and {@code maxFragments} do not apply to
     * this message, {@link ConnectionOptions#maxFrameSize()} does, to each fragment; the stream
     * holds a few fragments at most (the one being read and those already parsed from the last
     * socket reads), and while it holds unread bytes the connection reads nothing more (flow
     * control reaches the peer). A message that arrived
     * whole before the call was already bounded by {@code maxSize} and is streamed from memory.
     * The exemption starts with the call: fragments that arrived before it were counted against
     * {@code maxSize} (a message that outgrew it before the call already failed the connection
     * with 1009), so a receiver expecting messages larger than {@code maxSize} calls
     * {@code recvStream()} before they start, typically in a loop, and keeps
     * {@code maxSize} above what one socket read can bring between two calls.
     *
     * <p>Rules with the other receives: until the stream is read to its end or closed,
     * {@link #recv()}, {@link #recvAsync()}, iteration and another {@code recvStream()} throw
     * {@link IllegalStateException}; {@link MessageStream#close()} skips the rest of the message.
     * Only one receive may wait at a time, as for {@link #recv()}. There is no async variant.
     *
     * @return the stream of the next message
     * @throws ConnectionClosed      when the connection is closed and no message is left
     * @throws IllegalStateException when another receive is waiting, the previous stream is
     *                               unfinished, or it would wait on the library's I/O thread
     * @throws InterruptedException  when the thread is interrupted while waiting for the first
     *                               fragment (no message is lost: the next receive gets it)
     */
    public MessageStream recvStream() throws InterruptedException {
        return driver.receiver.receiveStream();
    }

    /**
     * Receives the next message, which must be text.
     *
     * @return the text
     * @throws IllegalStateException when the next message is binary (it stays queued: take it with
     *                               {@link #recv()}), or another thread is already waiting
     * @throws ConnectionClosed      as {@link #recv()}
     * @throws InterruptedException  when the thread is interrupted while waiting
     */
    public String recvText() throws InterruptedException {
        return ((Message.Text) driver.receiver.receive(Message.Text.class)).text();
    }

    /**
     * Receives the next message, which must be binary.
     *
     * @return the bytes, owned by the caller
     * @throws IllegalStateException when the next message is text (it stays queued: take it with
     *                               {@link #recv()}), or another thread is already waiting
     * @throws ConnectionClosed      as {@link #recv()}
     * @throws InterruptedException  when the thread is interrupted while waiting
     */
    public byte[] recvBinary() throws InterruptedException {
        return ((Message.Binary) driver.receiver.receive(Message.Binary.class)).data();
    }

    /**
     * Receives the next message asynchronously. The future completes with the message, or
     * exceptionally with the connection's {@link ConnectionClosed} when it closes and no message is
     * left.
     *
     * <p>Cancelling the future is safe: no message is lost, the next receive returns it. Until the
     * future completes or is cancelled, it counts as a waiting receive.
     *
     * @return a future completed with the next message; it fails with the connection's
     *         {@link ConnectionClosed} once the connection is closed and no message is left
     * @throws IllegalStateException when another receive is already waiting
     */
    public CompletableFuture<Message> recvAsync() {
        return driver.receiver.receiveAsync();
    }

    /** {@code forEachAsync}'s receive: the next message when one is ready now, else null and {@code loop} waits. */
    Message recvOrAwait(AsyncMessageLoop loop) {
        return driver.receiver.receiveOrAwait(loop);
    }

    /**
     * Hands every message, in order, to {@code action}, without holding a thread: the async twin
     * of {@code for (Message m : ws)}, and the way an async handler usually reads. The next
     * message is taken once the stage {@code action} returns completes (return null to go on at
     * once), so returning a send's future, as in {@code ws.forEachAsync(ws::sendAsync)}, applies
     * the write buffer's backpressure. Messages already queued are handled in a loop, not through
     * nested callbacks, so the stack does not grow with them.
     *
     * <p>{@code action} runs on the thread that completed the previous step: usually the I/O
     * thread that received the message, so it must not block (use the {@code *Async} methods).
     * Like {@link #recvAsync()}, one receive at a time: do not call {@code recv} meanwhile.
     *
     * @param action called with each message; returns a stage the loop waits for, or null
     * @return a future completed normally when the connection closes with 1000 or 1001, or
     *         exceptionally with {@link ConnectionClosedError} for any other close, or with what
     *         {@code action} threw or its stage failed with (the loop stops then; the connection
     *         stays open)
     * @throws NullPointerException when {@code action} is null
     */
    public CompletableFuture<Void> forEachAsync(Function<? super Message, ? extends CompletionStage<?>> action) {
        Objects.requireNonNull(action, "action");
        return new AsyncMessageLoop(this, action).start();
    }

    /**
     * Iterates over incoming messages with {@link #recv()}: the iteration ends normally when the
     * connection closes with 1000 (OK) or 1001 (going away), and {@code hasNext()} throws
     * {@link ConnectionClosedError} when it closes with any other code. An interrupt while waiting
     * throws {@link CancellationException} with the thread's interrupt status set (no message is
     * lost). Each iterator is for one thread.
     */
    @Override
    public Iterator<Message> iterator() {
        return new MessageIterator(this);
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a text message.
     *
     * @param text the message, not null; encoded in UTF-8
     * @throws IllegalArgumentException when {@code text} holds an unpaired surrogate
     * @throws IllegalStateException    when this thread holds an open {@link MessageWriter}
     * @throws ConnectionClosed         when the connection is closed, or closing (after waiting
     *                                  for it to close)
     * @throws InterruptedException     when interrupted while waiting; the message may have been
     *                                  queued and may still be sent
     */
    public void send(String text) throws InterruptedException {
        Sender.send(driver, Opcode.TEXT, Payloads.text(text));
    }

    /**
     * Sends a binary message holding a copy of {@code data}.
     *
     * @param data the payload, not null; copied before this returns
     * @throws IllegalStateException when this thread holds an open {@link MessageWriter}
     * @throws ConnectionClosed      as {@link #send(String)}
     * @throws InterruptedException  as {@link #send(String)}
     */
    public void send(byte[] data) throws InterruptedException {
        Sender.send(driver, Opcode.BINARY, Payloads.copy(data));
    }

    /**
     * Sends a binary message holding a copy of {@code data}'s remaining bytes; its position is
     * left alone.
     *
     * @param data the payload, not null; its remaining bytes are copied before this returns
     * @throws IllegalStateException when this thread holds an open {@link MessageWriter}
     * @throws ConnectionClosed      as {@link #send(String)}
     * @throws InterruptedException  as {@link #send(String)}
     */
    public void send(ByteBuffer data) throws InterruptedException {
        Sender.send(driver, Opcode.BINARY, Payloads.copy(data));
    }

    /**
     * Sends {@code message}: text as text, binary (copied) as binary. Handy for echoing.
     *
     * @param message the message to send, not null
     * @throws ConnectionClosed     as {@link #send(String)}
     * @throws InterruptedException as {@link #send(String)}
     */
    public void send(Message message) throws InterruptedException {
        Objects.requireNonNull(message, "message");
        switch (message) {
            case Message.Text text -> send(text.text());
            case Message.Binary binary -> send(binary.data());
        }
    }

    /**
     * Sends a fragmented message: one frame per item, in order, received by the peer as one
     * message. The items must all be text ({@link CharSequence}) or all binary ({@code byte[]},
     * {@link ByteBuffer}; copied). An empty iterable sends nothing. The iterable is consumed on the
     * calling thread, so it may produce its items lazily; other data sends wait meanwhile.
     *
     * @param pieces the fragments in order, not null: all {@link CharSequence} or all
     *               {@code byte[]} / {@link ByteBuffer}
     * @throws IllegalArgumentException when the first item has an unsupported type (nothing is sent,
     *                                  the connection stays open), or a later item has another type
     *                                  than the first or an unsupported one: the message cannot be
     *                                  completed, so the connection is failed with 1011 before this
     *                                  is thrown. Any exception from the iterator fails it too.
     * @throws IllegalStateException    when this thread holds an open {@link MessageWriter}
     * @throws ConnectionClosed         as {@link #send(String)}
     * @throws InterruptedException     when interrupted while waiting; once a frame was sent, the
     *                                  connection is failed with 1011
     */
    public void send(Iterable<?> pieces) throws InterruptedException {
        FragmentedSend.send(driver, pieces);
    }

    /**
     * Opens a writer that streams one message in pieces, for messages too large to hold in memory.
     * Waits while another fragmented message is in progress.
     *
     * @param text true for a text message, false for a binary one
     * @return the writer, owned by the calling thread; the message ends when it is closed
     * @throws IllegalStateException when this thread holds another open {@link MessageWriter}
     * @throws ConnectionClosed      as {@link #send(String)}
     * @throws InterruptedException  when interrupted while waiting
     */
    public MessageWriter sendStream(boolean text) throws InterruptedException {
        FragmentOwnership fragments = driver.fragments();
        return new MessageWriter(fragments, fragments.begin(text ? Opcode.TEXT : Opcode.BINARY));
    }

    /**
     * Sends a text message asynchronously. The future completes once the message is queued and
     * the write buffer is under its high-water mark (or has drained to its low-water mark), or
     * exceptionally with the {@link ConnectionClosed} when the connection is closed or closing.
     * During a fragmented message, the message is queued once that one ends.
     *
     * @param text the message, not null; encoded in UTF-8
     * @return a future completed once the message is queued under the write limit; it fails with
     *         {@link ConnectionClosed} when the connection is closed or closing. When the send
     *         needs no wait, the future is one completed instance shared by such sends (so a busy
     *         sender allocates none): its {@code obtrude} methods throw
     *         {@link UnsupportedOperationException}
     * @throws IllegalArgumentException when {@code text} holds an unpaired surrogate
     */
    public CompletableFuture<Void> sendAsync(String text) {
        return Sender.sendAsync(driver, Opcode.TEXT, Payloads.text(text));
    }

    /**
     * Sends a binary message holding a copy of {@code data} asynchronously; see
     * {@link #sendAsync(String)}.
     *
     * @param data the payload, not null; copied before this returns
     * @return a future completed as for {@link #sendAsync(String)}
     */
    public CompletableFuture<Void> sendAsync(byte[] data) {
        return Sender.sendAsync(driver, Opcode.BINARY, Payloads.copy(data));
    }

    /**
     * Sends a binary message holding a copy of {@code data}'s remaining bytes asynchronously (its
     * position is left alone); see {@link #sendAsync(String)}.
     *
     * @param data the payload, not null; its remaining bytes are copied before this returns
     * @return a future completed as for {@link #sendAsync(String)}
     */
    public CompletableFuture<Void> sendAsync(ByteBuffer data) {
        return Sender.sendAsync(driver, Opcode.BINARY, Payloads.copy(data));
    }

    /**
     * Sends {@code message} asynchronously: text as text, binary (copied) as binary; see
     * {@link #sendAsync(String)}.
     *
     * @param message the message to send, not null
     * @return a future completed as for {@link #sendAsync(String)}
     */
    public CompletableFuture<Void> sendAsync(Message message) {
        Objects.requireNonNull(message, "message");
        return switch (message) {
            case Message.Text text -> sendAsync(text.text());
            case Message.Binary binary -> sendAsync(binary.data());
        };
    }

    // ------------------------------------------------------------------ control frames

    /**
     * Sends a ping with four random bytes. The future completes when the matching pong arrives (a
     * pong also completes every ping sent before its own), or exceptionally with the
     * {@link ConnectionClosed} when the connection closes first; it is already failed when the
     * connection is closed. Cancelling it has no effect on the connection. Does not wait for the
     * write buffer to drain.
     *
     * @return a future completed when the pong arrives; failed with {@link ConnectionClosed} when
     *         the connection closes first
     */
    public CompletableFuture<Void> ping() {
        return Sender.ping(driver, null);
    }

    /**
     * Sends a ping carrying {@code data} (at most 125 bytes, copied); see {@link #ping()}.
     *
     * @param data the ping's payload, not null; at most 125 bytes, copied
     * @return a future completed when the matching pong arrives; see {@link #ping()}
     * @throws IllegalArgumentException when {@code data} is longer than 125 bytes, or a ping with
     *                                  the same data still awaits its pong
     */
    public CompletableFuture<Void> ping(ByteBuffer data) {
        return Sender.ping(driver, Payloads.view(Objects.requireNonNull(data, "data")));
    }

    /**
     * Sends a ping carrying {@code data}; see {@link #ping(ByteBuffer)}.
     *
     * @param data the ping's payload, not null; at most 125 bytes, copied
     * @return a future completed when the matching pong arrives; see {@link #ping()}
     */
    public CompletableFuture<Void> ping(byte[] data) {
        return ping(ByteBuffer.wrap(Objects.requireNonNull(data, "data")));
    }

    /**
     * Sends a ping carrying {@code data} in UTF-8; see {@link #ping(ByteBuffer)}.
     *
     * @param data the ping's payload, not null; at most 125 bytes once encoded
     * @return a future completed when the matching pong arrives; see {@link #ping()}
     * @throws IllegalArgumentException also when {@code data} holds an unpaired surrogate
     */
    public CompletableFuture<Void> ping(String data) {
        return ping(FrameData.encode(Objects.requireNonNull(data, "data")));
    }

    /**
     * Sends an empty pong, for example as a one-way heartbeat (pings are answered automatically).
     * Waits like {@link #send(String)} when the write buffer is full.
     *
     * @throws ConnectionClosed     when the connection is closed, or closing (after waiting for it
     *                              to close)
     * @throws InterruptedException when interrupted while waiting
     */
    public void pong() throws InterruptedException {
        Sender.pong(driver, null);
    }

    /**
     * Sends a pong carrying {@code data} (at most 125 bytes, copied); see {@link #pong()}.
     *
     * @param data the pong's payload, not null; at most 125 bytes, copied
     * @throws IllegalArgumentException when {@code data} is longer than 125 bytes
     * @throws ConnectionClosed as {@link #pong()}
     * @throws InterruptedException when interrupted while waiting for the write buffer to drain
     */
    public void pong(ByteBuffer data) throws InterruptedException {
        Sender.pong(driver, Payloads.view(Objects.requireNonNull(data, "data")));
    }

    /**
     * Sends a pong carrying {@code data}; see {@link #pong(ByteBuffer)}.
     *
     * @param data the pong's payload, not null; at most 125 bytes, copied
     * @throws InterruptedException when interrupted while waiting for the write buffer to drain
     */
    public void pong(byte[] data) throws InterruptedException {
        pong(ByteBuffer.wrap(Objects.requireNonNull(data, "data")));
    }

    /**
     * Sends a pong carrying {@code data} in UTF-8; see {@link #pong(ByteBuffer)}.
     *
     * @param data the pong's payload, not null; at most 125 bytes once encoded
     * @throws InterruptedException when interrupted while waiting for the write buffer to drain
     */
    public void pong(String data) throws InterruptedException {
        pong(FrameData.encode(Objects.requireNonNull(data, "data")));
    }

    /**
     * Sends a pong carrying {@code data} (at most 125 bytes, copied; null for none)
     * asynchronously. The future completes as for {@link #sendAsync(String)}.
     *
     * @param data the pong's payload, at most 125 bytes and copied; null for an empty pong
     * @return a future completed once the pong is queued under the write limit; it fails with
     *         {@link ConnectionClosed} when the connection is closed or closing
     * @throws IllegalArgumentException when {@code data} is longer than 125 bytes
     */
    public CompletableFuture<Void> pongAsync(ByteBuffer data) {
        return Sender.pongAsync(driver, Payloads.view(data));
    }

    // ------------------------------------------------------------------ closing

    /**
     * Closes the connection with 1000 (OK) and no reason; see {@link #close(int, String)}.
     * Idempotent.
     */
    @Override
    public void close() {
        close(CloseCodes.NORMAL_CLOSURE, "");
    }

    /**
     * Runs the closing handshake with {@code code} and {@code reason}, then waits until the TCP
     * connection is closed. Idempotent: once the connection is closing or closed, it only waits.
     * Bounded: at most 4 × {@code closeTimeout} on a server and 5 × on a client, after which the
     * TCP connection is aborted (no bound when {@code closeTimeout} is null).
     *
     * <p>Interrupting the waiting thread aborts the TCP connection at once; this method then
     * returns with the thread's interrupt status set.
     *
     * @param code   the close code: 1000-1003, 1007-1014 or 3000-4999
     * @param reason the reason, at most 123 bytes in UTF-8; null is taken as empty
     * @throws IllegalArgumentException when the code may not be sent or the reason is too long
     *                                  (checked even when the connection is already closed)
     * <p>Called on the library's I/O thread (in a callback of one of this library's futures), it
     * starts the closing handshake and returns without waiting, as {@link #closeAsync(int, String)}:
     * waiting there would block the thread that must read the peer's answer.
     */
    public void close(int code, String reason) {
        CompletableFuture<Void> done = closeAsync(code, reason);
        if (Driver.onIoThread()) {
            return; // waiting here would block the thread that must read the peer's answer
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                driver.abort();
            } catch (ExecutionException | CancellationException e) {
                break; // not possible: the future is private and never fails
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@link #closeAsync(int, String)} with 1000 (OK) and no reason.
     *
     * @return a future completed once the TCP connection is closed; see
     *         {@link #closeAsync(int, String)}
     */
    public CompletableFuture<Void> closeAsync() {
        return closeAsync(CloseCodes.NORMAL_CLOSURE, "");
    }

    /**
     * Starts the closing handshake, like {@link #close(int, String)}, without waiting. The future
     * completes (normally, whatever the close code) once the TCP connection is closed; cancelling
     * it does not stop the closing.
     *
     * @param code the close code: 1000-1003, 1007-1014 or 3000-4999
     * @param reason the reason, at most 123 bytes in UTF-8; null is taken as empty
     * @return a future completed (never exceptionally) once the TCP connection is closed
     * @throws IllegalArgumentException when the code may not be sent or the reason is too long
     */
    public CompletableFuture<Void> closeAsync(int code, String reason) {
        String why = reason == null ? "" : reason;
        Close.serialize(code, why); // validates, whatever the state (as Python websockets does)
        return driver.close(code, why).copy();
    }

    /**
     * Waits until the connection is closed and its TCP connection released, whatever the cause:
     * Python websockets' {@code wait_closed()}.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitClosed() throws InterruptedException {
        try {
            driver.closedFuture().get();
        } catch (ExecutionException e) {
            throw new AssertionError("the closed future never fails", e);
        }
    }

    /**
     * A future completed (normally) once the connection is closed and its TCP connection released,
     * whatever the cause. Cancelling it has no effect on the connection.
     *
     * @return a new future on each call, completed normally once the connection is closed
     */
    public CompletableFuture<Void> closedFuture() {
        return driver.closedFuture().copy();
    }

    // ------------------------------------------------------------------ state

    /**
     * True while the connection is open: messages may be sent. False once the closing handshake
     * started. Python websockets' {@code open}.
     *
     * @return whether messages may still be sent
     */
    public boolean isOpen() {
        return driver.state() == State.OPEN;
    }

    /**
     * True once the connection is closed: {@link #closeCode()} is known and the TCP connection is
     * closed or being closed. Both {@code isOpen()} and {@code isClosed()} are false while it is
     * closing. Python websockets' {@code closed}.
     *
     * @return whether the connection is closed
     */
    public boolean isClosed() {
        return driver.state() == State.CLOSED;
    }

    /**
     * The state of the connection: OPEN, CLOSING or CLOSED.
     *
     * @return the current state, never null; it only moves forward
     */
    public State state() {
        return driver.state();
    }

    /**
     * The close code once the connection is closed (RFC 6455 §7.1.5): the code of the peer's close
     * frame, 1005 when it had none, 1006 when none was received (including when this side failed
     * the connection, as in Python websockets 8); 0 before. See {@link Connection#closeCode()}.
     *
     * @return the close code, or 0 while the connection is not closed
     */
    public int closeCode() {
        return driver.closeCode();
    }

    /**
     * The close reason once the connection is closed: the peer's, or empty; null before.
     *
     * @return the reason (empty when the peer gave none), or null while the connection is not
     *         closed
     */
    public String closeReason() {
        return driver.closeReason();
    }

    /**
     * The round trip of the last keepalive ping (websockets' {@code latency}, since version 12):
     * the time from sending the ping to receiving its pong, measured on this side, so it includes
     * the peer's and this library's time to handle them. Updated with each keepalive pong, every
     * {@link ConnectionOptions#pingInterval()}. Pings sent with {@link #ping()} are not measured:
     * time {@code ping()}'s future yourself for that.
     *
     * @return the latency, {@link Duration#ZERO} until the first keepalive pong arrived (and
     *         always when {@code pingInterval} is null); never negative
     */
    public Duration latency() {
        return driver.latency();
    }

    /**
     * Which side this is: {@link Role#SERVER} or {@link Role#CLIENT}.
     *
     * @return the role, never null
     */
    public Role role() {
        return driver.role();
    }

    /**
     * The options the connection runs with.
     *
     * @return the options, never null
     */
    public ConnectionOptions options() {
        return driver.options();
    }

    /**
     * The path of the handshake request, with its query, not decoded: for example
     * {@code /chat?room=1}. On a server, a request sent with an absolute-form target
     * ({@code GET ws://example.com/chat?room=1 HTTP/1.1}, RFC 9112 §3.2.2) reports its path and
     * query too, {@code /chat?room=1}; the host is in the {@code Host} request header, which the
     * server checked against it.
     *
     * @return the path and query of the handshake, starting with {@code /}, never null
     */
    public String path() {
        return handshake.path();
    }

    /**
     * The headers of the handshake request (immutable).
     *
     * @return the request headers, never null
     */
    public Headers requestHeaders() {
        return handshake.requestHeaders();
    }

    /**
     * The headers of the handshake response (immutable).
     *
     * @return the response headers, never null
     */
    public Headers responseHeaders() {
        return handshake.responseHeaders();
    }

    /**
     * The subprotocol negotiated, or null when none was.
     *
     * @return the subprotocol's name, or null
     */
    public String subprotocol() {
        return handshake.subprotocol();
    }

    // ------------------------------------------------------------------ identity and attributes

    /**
     * The connection's identity (Python websockets' {@code id}, since version 10): a random UUID,
     * for log lines and for telling connections apart. On a server it is the same UUID the
     * opening handshake's hooks saw.
     *
     * @return the same UUID on every call, never null; drawn on first use
     */
    public UUID id() {
        return state.id();
    }

    /**
     * The attribute stored under {@code key}: what a hook of the opening handshake (such as the
     * authenticated user name of {@code org.websockets4j.auth}) or any code holding this connection
     * stored. Thread-safe.
     *
     * @param key the key, not null
     * @param <T> the value's type
     * @return the value, or null when none is stored
     * @throws NullPointerException when {@code key} is null
     */
    public <T> T attribute(AttributeKey<T> key) {
        return state.attribute(key);
    }

    /**
     * Stores an attribute on this connection, or removes it when {@code value} is null; for state
     * that belongs to the connection rather than to a subclass of it. Thread-safe.
     *
     * @param key   the key, not null
     * @param value the value, or null to remove the attribute
     * @param <T>   the value's type
     * @return the value stored before, or null
     * @throws NullPointerException when {@code key} is null
     * @throws ClassCastException   when the key has a {@linkplain AttributeKey#type() type} and the
     *                              value is not an instance of it
     */
    public <T> T setAttribute(AttributeKey<T> key, T value) {
        return state.setAttribute(key, value);
    }

    /**
     * The local address of the connection (an {@link java.net.InetSocketAddress} over TCP), or null
     * when unknown.
     *
     * @return the local address, or null
     */
    public SocketAddress localAddress() {
        return driver.transport().localAddress();
    }

    /**
     * The remote address of the connection, or null when unknown.
     *
     * @return the remote address, or null
     */
    public SocketAddress remoteAddress() {
        return driver.transport().remoteAddress();
    }

    /** Closes the TCP connection at once, without a closing handshake (the close code is then 1006). */
    void abort() {
        driver.abort();
    }

    /** For tests: messages waiting for recv. */
    int queuedMessages() {
        return driver.queuedMessages();
    }

    /** For tests: whether a receive is waiting. */
    boolean receiverWaiting() {
        return driver.receiverWaiting();
    }

    /** For tests: bytes waiting to be written. */
    long bufferedBytes() {
        return driver.bufferedBytes();
    }

    /** For tests: the size of the read buffer this connection holds, 0 while it shares one. */
    int ownReadBuffer() {
        return driver.ownReadBuffer();
    }

    /** For example {@code WebSocket[SERVER, /chat, /127.0.0.1:8765 <-> /127.0.0.1:50312, OPEN]}: the path without its query string (tokens travel there). */
    @Override
    public String toString() {
        return "WebSocket[" + role() + ", " + LogSafe.withoutQuery(path()) + ", " + localAddress() + " <-> " + remoteAddress() + ", " + state() + "]";
    }
}
