package org.websockets4j.protocol;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.websockets4j.framing.Close;
import org.websockets4j.framing.CloseCodes;
import org.websockets4j.framing.ExtensionCodec;
import org.websockets4j.framing.Frame;
import org.websockets4j.framing.FrameData;
import org.websockets4j.framing.FrameReader;
import org.websockets4j.framing.FrameWriter;
import org.websockets4j.framing.InvalidUtf8;
import org.websockets4j.framing.MaskKeySource;
import org.websockets4j.framing.Opcode;
import org.websockets4j.framing.PayloadTooBig;
import org.websockets4j.framing.ProtocolError;
import org.websockets4j.framing.Role;
import org.websockets4j.framing.WebSocketException;
import org.websockets4j.http.InvalidState;

/**
 * The Sans-I/O state machine of one WebSocket connection after the opening handshake
 * (RFC 6455 §5–§7): bytes and the application's sends go in; events, bytes to write and
 * instructions for the TCP connection come out. It knows no socket, thread or clock: the current
 * time comes in as {@code nowNanos} arguments ({@link System#nanoTime()} values, compared by
 * subtraction so they may wrap around).
 *
 * <h2>Driving it</h2>
 * After each call that may produce output, the driver:
 * <ol>
 *   <li>hands {@link #eventsReceived()} to the application;</li>
 *   <li>writes {@link #dataToSend()} in one gathering write;</li>
 *   <li>once those bytes are written, closes the TCP connection if {@link #closeTransport()}
 *       says so (shutting its output down and waiting for the peer's end of stream, or closing
 *       outright), and releases the socket when {@link #state()} is {@link State#CLOSED};</li>
 *   <li>arms one timer for {@link #nextDeadline()} and calls {@link #advanceTime(long)} when it
 *       fires.</li>
 * </ol>
 * Received bytes go to {@link #receiveData}; the end of the input stream (or the driver closing
 * the socket itself, or a read error) to {@link #receiveEof}. The calls that start a timer take the
 * current time: {@link #sendClose} and {@link #fail} start the close timeout, a pong stops the
 * keepalive timeout.
 *
 * <h2>Closing (RFC 6455 §7)</h2>
 * <ul>
 *   <li>The side that closes first sends a close frame ({@link #sendClose}) and enters
 *       {@link State#CLOSING}; it sends no more data frames but still delivers those it receives
 *       until the peer's close frame (§1.4). The other side answers with a close frame echoing
 *       the status code (an empty close is answered with an empty one), automatically, and
 *       enters CLOSING too.</li>
 *   <li>Once a server has both sent and received a close frame it closes the TCP connection
 *       ({@link #closeTransport()} turns true): per §7.1.1 the server closes first, so that it,
 *       not the client, holds TIME_WAIT. A client waits for the server to close
 *       ({@link #closeExpected()}), then closes too.</li>
 *   <li>Failing the connection (§7.1.7: a protocol violation, an invalid UTF-8 text, a message
 *       over {@link ConnectionOptions#maxSize()}, a keepalive timeout or {@link #fail}) sends a
 *       close frame with the error's code unless one was sent already, then closes the TCP
 *       connection on either side, and processes nothing the peer sends afterwards.</li>
 *   <li>Each step of the closing sequence (our close frame sent, the handshake completed, a
 *       failure) gives the peer {@link ConnectionOptions#closeTimeout()} to take the next one.
 *       When it runs out the connection gives up: CLOSED, and the TCP connection must be closed
 *       (§7.1.1: a client may then close it itself).</li>
 *   <li>The connection is CLOSED when the input ends ({@link #receiveEof}) or the close timeout
 *       runs out. Its close code (§7.1.5) is the one of the close frame received, 1005 when that
 *       frame had none, and 1006 when no close frame was received.</li>
 * </ul>
 *
 * <h2>Ownership of buffers</h2>
 * The data send methods ({@link #sendText(ByteBuffer, boolean)}, {@link #sendBinary},
 * {@link #sendContinuation}) take the buffer over, bytes from position to limit, without copying:
 * a client masks it in place (a read-only buffer is copied instead), and the driver's write
 * advances its position. Do not touch it after the call. Ping and pong payloads (at most 125
 * bytes) are copied, so the caller keeps its buffer. {@link #receiveData} copies every frame's
 * payload once into a buffer the event owns; the input buffer may be reused after the call.
 *
 * <h2>Thread-safety</h2>
 * None: one connection is driven by one thread at a time. Its driver serialises every call
 * (receive, send, timer, drain), so no locking happens here.
 */
public final class Connection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** Longer durations are "forever": deadlines stay within the range that subtraction compares. */
    private static final long MAX_DURATION_NANOS = 1L << 62;

    /**
     * The writer of every server connection without extensions: it neither masks nor runs a codec,
     * so it holds no state and one serves them all (one object less per connection).
     */
    private static final FrameWriter PLAIN_SERVER_WRITER = new FrameWriter(Role.SERVER);

    private final Role role;
    private final ConnectionOptions options;
    private final long closeTimeout;
    private final FrameReader reader;
    private final Outbox outbox;
    private final PendingPings pings = new PendingPings();
    private final Keepalive keepalive;
    /** The data message being received: its order, limits and UTF-8. */
    private final IncomingMessage incoming;
    /** The negotiated extensions, released once when the connection reaches CLOSED. */
    private final List<ExtensionCodec> extensions;

    private State state;
    private ArrayList<Event> events;

    /** Where data frames go instead of {@link #eventsReceived()}; null for events. */
    private DataSink dataSink;
    /** True once nothing received is processed any more: the peer's close arrived, or we failed. */
    private boolean discarding;

    /** True while a fragmented message is being sent. */
    private boolean sendingFragmented;

    private Close closeSent;
    private Close closeReceived;
    private boolean closeTransport;
    /** What the peer did wrong when we failed the connection because of it; the cause of closeException(). */
    private Throwable failure;
    private boolean closeTimerArmed;
    private long closeDeadline;
    /** Who this connection is in TRACE lines (the driver, naming both addresses); null: its role. */
    private Object traceName;
    /** Whether frames are traced: TRACE was on when the connection was created (read once, as Python does). */
    private final boolean tracing;
    // ---- observability: read by ConnectionRecorder when the connection ends
    /** True when the peer's close frame arrived while we were OPEN: the peer started closing. */
    private boolean closeStartedByPeer;
    /** True when the connection failed because a keepalive ping went unanswered. */
    private boolean keepaliveTimedOut;

    /**
     * An open connection with the default options and no extension; a client masks with
     * {@link MaskKeySource#secure()}.
     *
     * @param role     which side this is
     * @param nowNanos the current time: keepalive pings are scheduled from it
     */
    public Connection(Role role, long nowNanos) {
        this(role, ConnectionOptions.defaults(), List.of(), null, nowNanos);
    }

    /**
     * An open connection: the opening handshake has completed.
     *
     * @param role     which side this is: a client masks what it sends, a server expects masked frames
     * @param options  the options; maxSize, the timeouts and the ping interval apply here
     * @param codecs   the negotiated extensions, in negotiation order
     * @param keys     where a client's masking keys come from; null for {@link MaskKeySource#secure()};
     *                 ignored for a server
     * @param nowNanos the current time: keepalive pings are scheduled from it
     * @throws IllegalArgumentException when two codecs claim the same reserved bit
     * @throws NullPointerException     when {@code role}, {@code options} or {@code codecs} is null
     */
    public Connection(Role role, ConnectionOptions options, List<? extends ExtensionCodec> codecs,
                      MaskKeySource keys, long nowNanos) {
        this(role, State.OPEN, options, codecs, keys, nowNanos);
    }

    /**
     * A connection starting in {@code initialState}: {@link State#OPEN}, or
     * {@link State#CONNECTING} for a connection whose opening handshake is still running; it
     * then neither sends nor receives frames until {@link #open(long)}.
     *
     * @param role         which side this is
     * @param initialState {@link State#OPEN} or {@link State#CONNECTING}
     * @param options      the options
     * @param codecs       the negotiated extensions, in negotiation order
     * @param keys         where a client's masking keys come from; null for {@link MaskKeySource#secure()}
     * @param nowNanos     the current time; for an open connection, keepalive pings are scheduled from it
     * @throws IllegalArgumentException when {@code initialState} is CLOSING or CLOSED, or two codecs
     *                                  claim the same reserved bit
     * @throws NullPointerException     when {@code role}, {@code initialState}, {@code options} or
     *                                  {@code codecs} is null
     * @see #Connection(Role, ConnectionOptions, List, MaskKeySource, long)
     */
    public Connection(Role role, State initialState, ConnectionOptions options,
                      List<? extends ExtensionCodec> codecs, MaskKeySource keys, long nowNanos) {
        this.role = Objects.requireNonNull(role, "role");
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(initialState, "initialState");
        if (initialState != State.CONNECTING && initialState != State.OPEN) {
            throw new IllegalArgumentException("a connection starts CONNECTING or OPEN, not " + initialState);
        }
        List<ExtensionCodec> extensions = List.copyOf(codecs);
        this.extensions = extensions;
        this.closeTimeout = nanos(options.closeTimeout());
        this.reader = new FrameReader(role, FrameReader.NO_LIMIT, extensions); // limited by the next line
        this.incoming = new IncomingMessage(reader, options, extensions.isEmpty());
        MaskKeySource masks = role.masksOutgoing() && keys == null ? MaskKeySource.secure() : keys;
        this.tracing = ProtocolLog.tracing();
        FrameWriter writer = extensions.isEmpty() && !role.masksOutgoing() ? PLAIN_SERVER_WRITER
                : new FrameWriter(role, masks, extensions);
        this.outbox = new Outbox(writer, extensions.isEmpty(), tracing ? this::traceName : null);
        this.keepalive = options.pingInterval() == null ? null
                : new Keepalive(nanos(options.pingInterval()), nanos(options.pingTimeout()));
        this.state = initialState;
        if (initialState == State.OPEN && keepalive != null) {
            keepalive.start(nowNanos);
        }
    }

    /** Names this connection in TRACE lines, for example after its addresses; by default its role. */
    void traceAs(Object name) {
        this.traceName = name;
    }

    private Object traceName() {
        return traceName != null ? traceName : role;
    }

    /** Nanoseconds in {@code duration}, capped; -1 for null (disabled). */
    private static long nanos(Duration duration) {
        if (duration == null) {
            return -1;
        }
        return duration.compareTo(Duration.ofNanos(MAX_DURATION_NANOS)) >= 0 ? MAX_DURATION_NANOS : duration.toNanos();
    }

    // ---------------------------------------------------------------- state

    /**
     * Which side this connection is.
     *
     * @return the role given at creation, never null
     */
    public Role role() {
        return role;
    }

    /**
     * The options it was created with.
     *
     * @return the options, never null; immutable
     */
    public ConnectionOptions options() {
        return options;
    }

    /**
     * The current state.
     *
     * @return the state, never null; it only moves forward
     */
    public State state() {
        return state;
    }

    /**
     * Moves a connection created in {@link State#CONNECTING} to {@link State#OPEN} once the
     * opening handshake succeeded; keepalive pings are scheduled from {@code nowNanos}.
     *
     * @param nowNanos the current time
     * @throws InvalidState when the connection is not CONNECTING
     */
    public void open(long nowNanos) {
        if (state != State.CONNECTING) {
            throw new InvalidState("open() is for a CONNECTING connection; this one is " + state);
        }
        state = State.OPEN;
        if (keepalive != null) {
            keepalive.start(nowNanos);
        }
    }

    /**
     * True once the driver must close the TCP connection, after writing what
     * {@link #dataToSend()} returned: a server once the closing handshake completed, either side
     * after failing the connection, after the close timeout, or when the input ended. It never
     * turns false again, and no frame may be sent afterwards.
     *
     * @return whether the driver must close the TCP connection once {@link #dataToSend()} is
     *         written
     */
    public boolean closeTransport() {
        return closeTransport;
    }

    /**
     * True when the peer is expected to end the TCP connection next, so that the driver should
     * keep reading until the end of the stream; the connection is then {@link State#CLOSING}, and
     * {@link #nextDeadline()} holds the close timeout. Python websockets' {@code close_expected()}.
     *
     * @return whether the connection is CLOSING and waits for the peer to end the TCP connection
     */
    public boolean closeExpected() {
        return state == State.CLOSING;
    }

    /**
     * The round trip of the last keepalive ping answered (websockets' {@code latency}): from the
     * time the ping was queued to the time its pong was received, both as given to this
     * connection. Pings sent with {@link #sendPing(ByteBuffer)} are not measured.
     *
     * @return the latency, {@link Duration#ZERO} until the first keepalive pong (and always
     *         without keepalive pings); never negative
     */
    public Duration latency() {
        return keepalive == null ? Duration.ZERO : Duration.ofNanos(keepalive.latency());
    }

    /**
     * The close code (RFC 6455 §7.1.5) once the connection is {@link State#CLOSED}: the code of
     * the close frame received, 1005 when it carried none, 1006 when none was received (the
     * connection ended abnormally, or failed, or timed out). 0 before CLOSED.
     *
     * @return the close code, or 0 before {@link State#CLOSED}
     */
    public int closeCode() {
        if (state != State.CLOSED) {
            return 0;
        }
        return closeReceived != null ? closeReceived.code() : CloseCodes.ABNORMAL_CLOSURE;
    }

    /**
     * The close reason (RFC 6455 §7.1.6) once the connection is {@link State#CLOSED}: the reason
     * in the close frame received, or empty. Null before CLOSED.
     *
     * @return the reason received (empty when none), or null before {@link State#CLOSED}
     */
    public String closeReason() {
        if (state != State.CLOSED) {
            return null;
        }
        return closeReceived != null ? closeReceived.reason() : "";
    }

    /**
     * The close frame sent so far, or null; {@link Close#NO_STATUS} for an empty close frame.
     *
     * @return the close frame this side sent, or null when none was sent
     */
    public Close closeSent() {
        return closeSent;
    }

    /**
     * The close frame received so far, or null; {@link Close#NO_STATUS} for an empty close frame.
     *
     * @return the close frame the peer sent, or null when none was received
     */
    public Close closeReceived() {
        return closeReceived;
    }

    /**
     * The exception for using the closed connection: {@link ConnectionClosedOK} or
     * {@link ConnectionClosedError} carrying {@link #closeCode()} and {@link #closeReason()},
     * caused by the peer's error when the connection failed because of one. A new instance each
     * call, so that each has the stack trace of its thrower.
     *
     * @return a new {@link ConnectionClosedOK} (1000, 1001) or {@link ConnectionClosedError} (any
     *         other code)
     * @throws InvalidState when the connection is not {@link State#CLOSED} yet
     */
    public ConnectionClosed closeException() {
        if (state != State.CLOSED) {
            throw new InvalidState("the connection is not closed yet (state " + state + ")");
        }
        // RFC 6455 §7.1.5 makes the code 1006 when no close frame came back, even when we failed
        // the connection with 1009 or 1011: say what we sent, as Python websockets 10+ does.
        String detail = closeReceived == null && closeSent != null
                ? "sent " + closeSent + "; no close frame received" : null;
        return ConnectionClosed.of(closeCode(), closeReason(), failure, detail);
    }

    // ---------------------------------------------------------------- output

    /**
     * Takes the events received since the last call, in order (possibly none).
     *
     * @return the events; the connection keeps no reference to the list (empty: immutable)
     */
    public List<Event> eventsReceived() {
        List<Event> out = events;
        if (out == null) {
            return List.of();
        }
        events = null;
        return out;
    }

    /** Queues an event for {@link #eventsReceived()}; the list is made on demand (idle connections hold none). */
    private void event(Event event) {
        if (events == null) {
            events = new ArrayList<>();
        }
        events.add(event);
    }

    /**
     * Takes the bytes to write since the last call, in order, as buffers for one gathering write.
     * Headers, and payloads of up to 512 bytes, are copied one after another into one buffer, so
     * a run of small frames comes out as a single buffer; a larger payload comes out as its own
     * buffer, the one passed to the send method (masked in place by a client), not a copy. Write
     * them all before acting on {@link #closeTransport()}. The buffers stay valid however long the write takes: the connection never writes into them
     * again.
     *
     * @return the buffers; the connection keeps no reference to the list (empty: immutable)
     */
    public List<ByteBuffer> dataToSend() {
        return outbox.drain();
    }

    /** The driver's {@link #dataToSend()}: queues the buffers on {@code queue}, allocating no list. */
    void dataToSend(WriteQueue queue) {
        outbox.drainTo(queue);
    }

    /**
     * The driver has written every buffer handed out so far and holds none of them: the output
     * arena may be reused (see {@link Outbox#recycle()}).
     */
    void outputWritten() {
        outbox.recycle();
    }

    /** Bytes encoded and not yet taken by {@link #dataToSend()}. */
    long outputQueued() {
        return outbox.queuedBytes();
    }

    /**
     * The time at which {@link #advanceTime(long)} must next be called: the next keepalive ping or
     * the pong deadline while {@link State#OPEN}, the close timeout while {@link State#CLOSING};
     * {@link Long#MAX_VALUE} when nothing is scheduled. It may be in the past (call
     * {@code advanceTime} right away then). It changes after any call, so re-read it each time.
     *
     * @return the deadline as a {@link System#nanoTime()} value, or {@link Long#MAX_VALUE} for none
     */
    public long nextDeadline() {
        if (state == State.OPEN && keepalive != null) {
            return keepalive.nextDeadline();
        }
        if (state == State.CLOSING && closeTimerArmed) {
            return closeDeadline;
        }
        return Long.MAX_VALUE;
    }

    // ---------------------------------------------------------------- input

    /**
     * Processes received bytes: every complete frame they hold becomes an event, split frames are
     * kept until the rest arrives. All of {@code data} is consumed; it may be reused after the call.
     *
     * <p>When the peer breaks a rule, the connection fails (see the class comment) with 1002 for a
     * protocol violation, 1007 for invalid UTF-8 (in a text message, detected at the first bad
     * byte, or in a close reason) and 1009 for a message over {@code maxSize} (detected from the
     * frame header when the frame is bigger than both the budget left and 125 bytes): nothing is
     * thrown, the failure shows in {@link #dataToSend()}, {@link #closeTransport()} and
     * {@link #closeException()}'s cause. After the peer's close frame or a failure, and once
     * CLOSED, received bytes are discarded (RFC 6455 §5.5.1, §7.1.7).
     *
     * @param data     the bytes received, from position to limit
     * @param nowNanos the current time: a pong may complete the keepalive ping, a close starts the
     *                 close timeout
     * @throws InvalidState when the connection is still CONNECTING
     */
    public void receiveData(ByteBuffer data, long nowNanos) {
        Objects.requireNonNull(data, "data");
        if (state == State.CONNECTING) {
            throw new InvalidState("cannot receive frames before the opening handshake completes (state CONNECTING)");
        }
        while (!discarding) {
            Frame frame;
            try {
                incoming.limitNextFrame();
                frame = reader.read(data);
            } catch (ProtocolError e) {
                failBecause(e, e.closeCode(), nowNanos);
                break;
            } catch (PayloadTooBig e) {
                failBecause(incoming.tooBig(e), e.closeCode(), nowNanos);
                break;
            } catch (RuntimeException e) {
                // Only an extension codec can get here (it breaks its contract): the reader is
                // unusable now, so fail rather than leave the connection wedged.
                failBecause(new WebSocketException("extension failed to decode a frame: " + e, e),
                        CloseCodes.INTERNAL_ERROR, nowNanos);
                break;
            } catch (OutOfMemoryError e) {
                failBecause(outOfMemory(e), CloseCodes.INTERNAL_ERROR, nowNanos);
                break;
            }
            if (frame == null) {
                if (!checkPartialText(nowNanos)) {
                    break;
                }
                return;
            }
            if (tracing) {
                ProtocolLog.frame(traceName(), true, frame);
            }
            try {
                // The payload is a view valid until the next read: each handler copies what it keeps.
                receiveFrame(frame, nowNanos);
            } catch (ProtocolError e) {
                failBecause(e, e.closeCode(), nowNanos);
            } catch (PayloadTooBig e) {
                failBecause(e, e.closeCode(), nowNanos);
            } catch (OutOfMemoryError e) {
                failBecause(outOfMemory(e), CloseCodes.INTERNAL_ERROR, nowNanos);
            }
        }
        data.position(data.limit());
    }

    /**
     * The end of the received byte stream: the peer closed (or half-closed) the TCP connection,
     * a read failed, or the driver closed the socket. The connection is then {@link State#CLOSED}
     * with close code 1006 unless a close frame was received first. Does nothing once CLOSED.
     *
     * @param nowNanos the current time
     */
    public void receiveEof(long nowNanos) {
        if (state == State.CLOSED) {
            return;
        }
        closed();
    }

    /**
     * {@link #receiveEof(long)} because reading or writing the byte stream failed (a reset, a TLS
     * error): unless another failure came first, {@code cause} becomes the cause of
     * {@link #closeException()}, so that a 1006 says why. Does nothing once CLOSED.
     *
     * @param nowNanos the current time
     * @param cause    what failed, not null
     */
    public void receiveEof(long nowNanos, Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        if (failure == null) {
            failure = cause;
        }
        closed();
    }

    /**
     * Validates the UTF-8 of a text frame that has not completed yet, as its bytes arrive.
     *
     * @return false when the connection failed
     */
    private boolean checkPartialText(long now) {
        try {
            incoming.checkPartialFrame();
            return true;
        } catch (InvalidUtf8 e) {
            failBecause(e, e.closeCode(), now);
            return false;
        }
    }

    /**
     * Streams the message in progress, or else the next one, to the application (the driver's
     * {@code recvStream}): see {@link IncomingMessage#stream(boolean)}.
     */
    void streamMessage(boolean on) {
        incoming.stream(on);
    }

    private void receiveFrame(Frame frame, long now) {
        switch (frame.opcode()) {
            case TEXT, BINARY, CONTINUATION -> receiveDataFrame(frame);
            case PING -> receivePing(frame.payload());
            case PONG -> receivePong(frame.payload(), now);
            case CLOSE -> receiveClose(frame.payload(), now);
        }
    }

    /** A data frame: its order, size, fragment count and UTF-8 are checked before anything is copied. */
    private void receiveDataFrame(Frame frame) {
        boolean first = !incoming.inProgress();
        Opcode type = incoming.accept(frame);
        ByteBuffer view = frame.payload();
        if (dataSink != null) {
            dataSink.data(type, first, view, frame.fin());
        } else {
            event(new Event.DataFrame(frame.opcode(), reader.payloadDetached() ? view : copy(view), frame.fin()));
        }
    }

    /**
     * Inflating or assembling what this peer sent ran the heap out (many connections each within
     * their own limits can add up to more than the heap). What the failed step allocated is
     * garbage by now, so there is room to tell the peer with 1011, as Python does on MemoryError,
     * rather than leave it a bare end of stream; other connections go on.
     */
    private static WebSocketException outOfMemory(OutOfMemoryError e) {
        return new WebSocketException("out of memory reading a message: " + e.getMessage(), e);
    }

    /**
     * Sends data frames' payloads to {@code sink} as they are read, instead of as
     * {@link Event.DataFrame}s: the I/O driver's path, which allocates nothing per frame.
     */
    void dataSink(DataSink sink) {
        this.dataSink = sink;
    }

    /**
     * Whether the payload a {@link DataSink} is being given was made for its frame alone and may
     * be kept rather than copied (see {@link FrameReader#payloadDetached()}).
     */
    boolean payloadDetached() {
        return reader.payloadDetached();
    }

    /** Takes data frames' payloads in place of {@link Event.DataFrame} events. */
    interface DataSink {
        /**
         * One data frame of a message, in order.
         *
         * @param type  TEXT or BINARY: the message's type (also for its continuation frames)
         * @param first true for the message's first frame
         * @param view  the payload (UTF-8 already checked for text), valid only during the call
         * @param fin   true for the message's last frame
         */
        void data(Opcode type, boolean first, ByteBuffer view, boolean fin);
    }

    /**
     * RFC 6455 §5.5.2: answer with a pong carrying the same data, unless a close frame was
     * received (then this frame is never processed). That includes CLOSING after our own close:
     * control frames may still be sent then (§5.5.1 only forbids data frames).
     */
    private void receivePing(ByteBuffer view) {
        ByteBuffer payload = readOnlyCopy(view);
        if (!closeTransport) {
            outbox.add(new Frame(true, Opcode.PONG, payload.duplicate()));
        }
        event(new Event.PingReceived(payload.duplicate()));
    }

    private void receivePong(ByteBuffer view, long now) {
        ByteBuffer payload = readOnlyCopy(view);
        List<ByteBuffer> acknowledged = pings.acknowledge(payload);
        if (keepalive != null && !acknowledged.isEmpty()) {
            keepalive.acknowledged(acknowledged, now);
        }
        event(new Event.PongReceived(payload, acknowledged));
    }

    private void receiveClose(ByteBuffer view, long now) {
        Close close = Close.parse(view);
        closeReceived = close;
        // §5.5.1 / §1.4: the peer sends nothing after its close frame; whatever follows is ignored,
        // and a fragmented message in progress is abandoned (a close may interrupt one, §5.4).
        discarding = true;
        incoming.abandon();
        event(new Event.CloseReceived(close));
        closeStartedByPeer = state == State.OPEN; // observability
        if (state == State.OPEN) {
            // §5.5.1: answer with a close frame, echoing the status code.
            if (close.code() == CloseCodes.NO_STATUS_RECEIVED) {
                sendCloseFrame(Close.NO_STATUS, EMPTY);
            } else {
                Close echo = new Close(close.code(), "");
                sendCloseFrame(echo, echo.serialize());
            }
            state = State.CLOSING;
        }
        // §7.1.1: the closing handshake is complete; the server closes TCP first, the client waits.
        if (role == Role.SERVER) {
            closeTransport = true;
        }
        armCloseTimer(now);
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends a text frame whose payload is the UTF-8 encoding of {@code text}.
     *
     * @param text the message or fragment, not null
     * @param fin false to start a fragmented message continued with {@link #sendContinuation}
     * @throws IllegalArgumentException when {@code text} holds an unpaired surrogate
     * @throws InvalidState             when a fragmented message is in progress, or the connection
     *                                  is CONNECTING or CLOSING
     * @throws ConnectionClosed         when the connection is CLOSED ({@link #closeException()})
     */
    public void sendText(String text, boolean fin) {
        Objects.requireNonNull(text, "text");
        checkCanSendData(Opcode.TEXT);
        sendData(Opcode.TEXT, ByteBuffer.wrap(FrameData.utf8(text)), fin);
    }

    /**
     * Sends a text frame carrying {@code utf8}, which the caller guarantees to be UTF-8 (it is not
     * checked here: the peer fails the connection with 1007 otherwise). The buffer is taken over
     * (see the class comment).
     *
     * @param utf8 the UTF-8 payload, not null; taken over, not copied
     * @param fin false to start a fragmented message continued with {@link #sendContinuation}
     * @throws InvalidState     when a fragmented message is in progress, or the connection is
     *                          CONNECTING or CLOSING
     * @throws ConnectionClosed when the connection is CLOSED
     */
    public void sendText(ByteBuffer utf8, boolean fin) {
        Objects.requireNonNull(utf8, "utf8");
        checkCanSendData(Opcode.TEXT);
        sendData(Opcode.TEXT, utf8, fin);
    }

    /**
     * Sends a binary frame carrying {@code data}, taken over (see the class comment).
     *
     * @param data the payload, not null; taken over, not copied
     * @param fin false to start a fragmented message continued with {@link #sendContinuation}
     * @throws InvalidState     when a fragmented message is in progress, or the connection is
     *                          CONNECTING or CLOSING
     * @throws ConnectionClosed when the connection is CLOSED
     */
    public void sendBinary(ByteBuffer data, boolean fin) {
        Objects.requireNonNull(data, "data");
        checkCanSendData(Opcode.BINARY);
        sendData(Opcode.BINARY, data, fin);
    }

    /**
     * Sends the next frame of the fragmented message started by {@code sendText} or
     * {@code sendBinary} with {@code fin} false; {@code data} is taken over (see the class
     * comment). Ping and pong frames may be sent between the fragments.
     *
     * @param data the fragment's payload, not null; taken over, not copied
     * @param fin true on the message's last frame
     * @throws InvalidState     when no fragmented message is in progress, or the connection is
     *                          CONNECTING or CLOSING
     * @throws ConnectionClosed when the connection is CLOSED
     */
    public void sendContinuation(ByteBuffer data, boolean fin) {
        Objects.requireNonNull(data, "data");
        checkCanSendData(Opcode.CONTINUATION);
        sendData(Opcode.CONTINUATION, data, fin);
    }

    private void sendData(Opcode opcode, ByteBuffer payload, boolean fin) {
        // RFC 6455 §5.4: fragments of one message are not interleaved with another message.
        if (opcode == Opcode.CONTINUATION && !sendingFragmented) {
            throw new InvalidState("cannot send a continuation frame: no fragmented message was started"
                    + " (start one with sendText or sendBinary and fin=false)");
        }
        if (opcode != Opcode.CONTINUATION && sendingFragmented) {
            throw new InvalidState("cannot start a " + opcode + " message: the fragmented message in progress"
                    + " must first end with sendContinuation(data, true)");
        }
        outbox.add(fin, opcode, payload);
        sendingFragmented = !fin;
    }

    /**
     * Sends a ping. Its payload is remembered until a pong carrying the same bytes (or answering a
     * later ping) arrives, as {@link Event.PongReceived#acknowledgedPings()} will report.
     *
     * @param data the payload (at most 125 bytes, copied), or null for four random bytes
     * @return the payload sent, a read-only buffer
     * @throws IllegalArgumentException when {@code data} is longer than 125 bytes, or a ping with
     *                                  the same data still awaits its pong
     * @throws InvalidState             when the connection is CONNECTING, or the TCP connection is
     *                                  closing ({@link #closeTransport()})
     * @throws ConnectionClosed         when the connection is CLOSED
     */
    public ByteBuffer sendPing(ByteBuffer data) {
        checkCanSendControl(Opcode.PING);
        ByteBuffer payload;
        if (data == null) {
            payload = randomPingPayload();
        } else {
            checkControlPayload(Opcode.PING, data);
            payload = readOnlyCopy(data);
            if (pings.contains(payload)) {
                throw new IllegalArgumentException("already waiting for a pong with the same data");
            }
        }
        queuePing(payload);
        return payload.duplicate();
    }

    /**
     * Sends a pong, for example as an unsolicited heartbeat (pings are answered automatically).
     *
     * @param data the payload (at most 125 bytes, copied), or null for an empty one
     * @throws IllegalArgumentException when {@code data} is longer than 125 bytes
     * @throws InvalidState             when the connection is CONNECTING, or the TCP connection is
     *                                  closing ({@link #closeTransport()})
     * @throws ConnectionClosed         when the connection is CLOSED
     */
    public void sendPong(ByteBuffer data) {
        checkCanSendControl(Opcode.PONG);
        ByteBuffer payload = EMPTY;
        if (data != null) {
            checkControlPayload(Opcode.PONG, data);
            payload = readOnlyCopy(data);
        }
        outbox.add(new Frame(true, Opcode.PONG, payload));
    }

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2) with {@code code} and {@code reason}: sends
     * the close frame and enters {@link State#CLOSING}; the close timeout starts now.
     *
     * <p>Not idempotent at this level: the closing handshake starts once. A second call, or a call
     * after the peer's close was answered, throws {@link InvalidState} (CLOSING) or the
     * {@link ConnectionClosed} (CLOSED); an application-level {@code close()} checks
     * {@link #state()} first.
     *
     * @param code the close code to send
     * @param reason the reason, at most 123 bytes in UTF-8; null is taken as empty
     * @param nowNanos the current time, a {@link System#nanoTime()} value; the close timeout starts
     *                 from it
     * @throws IllegalArgumentException when {@code code} may not be sent (1000–1003, 1007–1014 and
     *                                  3000–4999 may) or the reason is too long
     * @throws InvalidState             when the connection is CONNECTING or CLOSING
     * @throws ConnectionClosed         when the connection is CLOSED
     */
    public void sendClose(int code, String reason, long nowNanos) {
        checkCanStartClosing();
        Close close = new Close(code, reason == null ? "" : reason);
        ByteBuffer payload = close.serialize(); // validates before anything changes
        startClosing(close, payload, nowNanos);
    }

    /**
     * Starts the closing handshake with a close frame that carries no status code (the peer
     * reports 1005). See {@link #sendClose(int, String, long)}.
     *
     * @param nowNanos the current time, a {@link System#nanoTime()} value; the close timeout starts
     *                 from it
     * @throws InvalidState     when the connection is CONNECTING or CLOSING
     * @throws ConnectionClosed when the connection is CLOSED
     */
    public void sendClose(long nowNanos) {
        checkCanStartClosing();
        startClosing(Close.NO_STATUS, EMPTY, nowNanos);
    }

    private void startClosing(Close close, ByteBuffer payload, long now) {
        sendCloseFrame(close, payload);
        state = State.CLOSING;
        // §7.1.2 / §1.4: data from the peer keeps being processed until its close frame arrives.
        armCloseTimer(now);
    }

    /**
     * Fails the WebSocket connection (RFC 6455 §7.1.7): sends a close frame with {@code code} and
     * {@code reason} when none was sent yet and the connection is OPEN, then tells the driver to
     * close the TCP connection ({@link #closeTransport()}), and processes nothing received from
     * now on. A CONNECTING connection becomes CLOSED at once; a CLOSED one is left alone.
     * Code 1006 sends no close frame: use it when the transport itself broke.
     *
     * @param code the close code: 1006 (nothing sent) or a code that may be sent
     * @param reason the reason, at most 123 bytes in UTF-8; null is taken as empty
     * @param nowNanos the current time, a {@link System#nanoTime()} value; the close timeout starts
     *                 from it
     * @throws IllegalArgumentException when {@code code} is neither 1006 nor a code that may be
     *                                  sent, or the reason is too long
     */
    public void fail(int code, String reason, long nowNanos) {
        Close close = new Close(code, reason == null ? "" : reason);
        // Validates before anything changes; 1006 is never sent, so it has no payload.
        ByteBuffer payload = code == CloseCodes.ABNORMAL_CLOSURE ? null : close.serialize();
        switch (state) {
            case CLOSED -> {
                return;
            }
            case CONNECTING -> {
                closed();
                return;
            }
            case OPEN -> {
                if (payload != null) {
                    sendCloseFrame(close, payload);
                }
                state = State.CLOSING;
            }
            case CLOSING -> {
                // our close frame is already out (or the transport broke): nothing more to send
            }
        }
        discarding = true;
        closeTransport = true;
        armCloseTimer(nowNanos);
    }

    /** Fails because the peer broke a rule; the error becomes the cause of closeException(). */
    private void failBecause(WebSocketException error, int code, long now) {
        failure = error;
        fail(code, reasonFor(error.getMessage()), now);
    }

    /**
     * Runs the timers at {@code nowNanos}: while OPEN, sends the keepalive ping when it is due and
     * fails the connection with 1011 "keepalive ping timeout" when its pong is late; while
     * CLOSING, gives up when the close timeout has run out (CLOSED, {@link #closeTransport()},
     * code 1006 unless a close frame was received). Calling it early or often is harmless.
     *
     * @param nowNanos the current time, a {@link System#nanoTime()} value
     */
    public void advanceTime(long nowNanos) {
        if (state == State.OPEN && keepalive != null) {
            if (keepalive.timedOut(nowNanos)) {
                keepaliveTimedOut = true; // observability
                fail(CloseCodes.INTERNAL_ERROR, "keepalive ping timeout", nowNanos);
            } else if (keepalive.pingDue(nowNanos)) {
                outbox.dropIfQuiet();
                ByteBuffer payload = randomPingPayload();
                ByteBuffer unanswered = keepalive.pingSent(payload, nowNanos);
                if (unanswered != null) {
                    pings.remove(unanswered);
                }
                queuePing(payload);
            }
        }
        if (state == State.CLOSING && closeTimerArmed && nowNanos - closeDeadline >= 0) {
            // §7.1.1: when the peer takes too long, close the TCP connection ourselves.
            closed();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void checkCanSendData(Opcode opcode) {
        switch (state) {
            case CLOSED -> throw closeException();
            case CONNECTING -> throw new InvalidState("cannot send a " + opcode
                    + " frame before the opening handshake completes (state CONNECTING)");
            // §5.5.1: no data frame after a close frame.
            case CLOSING -> throw new InvalidState("cannot send a " + opcode
                    + " frame: the connection is closing (a close frame was sent)");
            case OPEN -> {
            }
        }
    }

    private void checkCanSendControl(Opcode opcode) {
        switch (state) {
            case CLOSED -> throw closeException();
            case CONNECTING -> throw new InvalidState("cannot send a " + opcode
                    + " before the opening handshake completes (state CONNECTING)");
            case OPEN, CLOSING -> {
                if (closeTransport) {
                    throw new InvalidState("cannot send a " + opcode + ": the TCP connection is closing");
                }
            }
        }
    }

    private void checkCanStartClosing() {
        switch (state) {
            case CLOSED -> throw closeException();
            case CONNECTING -> throw new InvalidState("cannot send a close frame before the opening handshake"
                    + " completes (state CONNECTING); use fail() to abort");
            case CLOSING -> throw new InvalidState("the closing handshake already started: a close frame was sent");
            case OPEN -> {
            }
        }
    }

    private static void checkControlPayload(Opcode opcode, ByteBuffer data) {
        if (data.remaining() > Frame.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException(opcode + " payload is " + data.remaining()
                    + " bytes; a control frame carries at most " + Frame.MAX_CONTROL_PAYLOAD);
        }
    }

    private void sendCloseFrame(Close close, ByteBuffer payload) {
        outbox.add(new Frame(true, Opcode.CLOSE, payload));
        closeSent = close;
    }

    private void queuePing(ByteBuffer payload) {
        outbox.add(new Frame(true, Opcode.PING, payload.duplicate()));
        pings.add(payload);
    }

    /** Four random bytes no outstanding ping carries (Python websockets' default ping data). */
    private ByteBuffer randomPingPayload() {
        while (true) {
            ByteBuffer payload = ByteBuffer.allocate(4).putInt(0, ThreadLocalRandom.current().nextInt()).asReadOnlyBuffer();
            if (!pings.contains(payload)) {
                return payload;
            }
        }
    }

    private void armCloseTimer(long now) {
        closeTimerArmed = closeTimeout >= 0;
        closeDeadline = now + closeTimeout;
    }

    /** The TCP connection is over, or must be: nothing more happens. */
    private void closed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        releaseExtensions();
        closeTransport = true;
        discarding = true;
        closeTimerArmed = false;
        incoming.abandon();
        sendingFragmented = false;
    }

    /**
     * Native state (zlib's) must not wait for the garbage collector: release it the moment nothing
     * more can be encoded or decoded. A codec that breaks its contract and throws must not keep
     * the others from releasing theirs.
     */
    private void releaseExtensions() {
        for (ExtensionCodec extension : extensions) {
            try {
                extension.release();
            } catch (RuntimeException e) {
                System.getLogger(Connection.class.getName()).log(System.Logger.Level.WARNING,
                        () -> "extension " + extension.name() + " failed to release its resources", e);
            }
        }
    }

    /** A heap copy of a data frame's payload: the one copy of received data. */
    private static ByteBuffer copy(ByteBuffer view) {
        return ByteBuffer.allocate(view.remaining()).put(view).flip();
    }

    /** A read-only heap copy: shared between an event and a frame without either disturbing the other. */
    private static ByteBuffer readOnlyCopy(ByteBuffer view) {
        return ByteBuffer.allocate(view.remaining()).put(view.duplicate()).flip().asReadOnlyBuffer();
    }

    /**
     * An error message as a close reason: cut to the 123 UTF-8 bytes a close frame holds, at a
     * character boundary, with any unpaired surrogate (which UTF-8 cannot encode) replaced.
     */
    static String reasonFor(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder reason = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < message.length(); ) {
            int codePoint = message.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                codePoint = '?';
            }
            int length = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + length > Close.MAX_REASON_BYTES) {
                break;
            }
            reason.appendCodePoint(codePoint);
            bytes += length;
        }
        return reason.toString();
    }

    // ---- observability: what ConnectionRecorder reports when the connection ends

    /** Whether the peer sent the first close frame. */
    boolean closeStartedByPeer() {
        return closeStartedByPeer;
    }

    /** Whether the connection failed because a keepalive ping went unanswered. */
    boolean keepaliveTimedOut() {
        return keepaliveTimedOut;
    }

    /** Why the connection failed (the peer's protocol error, an I/O error), or null. */
    Throwable failure() {
        return failure;
    }
}
