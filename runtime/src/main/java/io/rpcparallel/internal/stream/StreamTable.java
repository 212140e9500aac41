package io.rpcparallel.internal.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.rpcparallel.Codec;
import io.rpcparallel.RpcException;
import io.rpcparallel.internal.Jfr;
import io.rpcparallel.internal.RpcEvents;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import io.rpcparallel.internal.wire.Frames;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The streams of one connection, by id, on one end. Ids are chosen by the client, one per
 * streaming call; each stream has a writer on one end and a reader on the other.
 *
 * <p>Credits: a writer sends only what its reader has granted, in items and in bytes (the items'
 * encoded size): it may send while it holds at least one item and some bytes of credit, so it
 * overshoots the bytes by one item at most. A reader on the client registers before the call is
 * sent, so a worker-side writer starts with the first window ({@link #WINDOW} items,
 * {@link #WINDOW_BYTES} bytes); a reader on the worker registers after the call arrives, so a
 * client-side writer starts with none and waits for the worker's first grant. A reader grants
 * again each time it has handed a quarter of its window (of items or of bytes) to its consumer. The window
 * grows (doubles, up to {@link #MAX_WINDOW} items and {@link #MAX_WINDOW_BYTES} bytes) when the
 * writer has said it used up its credit ({@code STREAM_BLOCKED}) and the reader then runs out of
 * items: the window, not either end, was what held the stream back. A reader that always has items
 * waiting keeps its window; no stream ever holds more than the largest window (plus one item of
 * bytes) buffered or in flight.
 */
public final class StreamTable {
  /** The items of a stream's first window: in flight or buffered at its reader. */
  public static final int WINDOW = 32;
  /** The bytes of items of a stream's first window. */
  public static final long WINDOW_BYTES = 256 << 10;
  /** The most items a window grows to. */
  public static final int MAX_WINDOW = 4096;
  /** The most bytes of items a window grows to. */
  public static final long MAX_WINDOW_BYTES = 16 << 20;
  /** The method of a stream opened without one. */
  public static final int NO_METHOD = 0;

  private final Channel channel;
  private final int maxMessageSize;
  private final String peer;
  private final Executor executor;
  private final Map<Long, OutboundStream<?>> outbound = new ConcurrentHashMap<>();
  private final Map<Long, InboundStream<?>> inbound = new ConcurrentHashMap<>();
  /**
   * Ids whose reader cancelled before this end opened their writer (a subscriber that cancels at
   * once sends its cancel before the call, and a call may wait for a thread): applied when the
   * writer opens. A cancel that crosses its writer's end also lands here, so the set is capped,
   * dropping the lowest (oldest) ids first; it goes with the connection.
   */
  private final NavigableSet<Long> earlyCancels = new TreeSet<>();
  /** The most early cancels remembered per connection. */
  static final int MAX_EARLY_CANCELS = 1024;
  private volatile RpcException lost;
  /** Where frames go: the connection's one queue of frames, shared with its calls and replies. */
  private final Consumer<ByteBuf> sender;

  /**
   * @param peer how errors name the other end (a worker's display name, or a client address)
   * @param executor where readers hand items to their sinks and callbacks run: the connection's
   *     transport's, never the event loop
   * @param sender sends a frame after every frame sent before it on the connection, from any thread
   *     (calls and replies included), and releases it if it cannot be written
   */
  public StreamTable(Channel channel, int maxMessageSize, String peer, Executor executor, Consumer<ByteBuf> sender) {
    this.channel = channel;
    this.sender = sender;
    this.maxMessageSize = maxMessageSize;
    this.peer = peer;
    this.executor = executor;
  }

  /**
   * A writer for stream {@code id}: on the worker, with a window granted up front (the caller's
   * reader registered before the call); on the caller, with none until the worker's reader grants.
   */
  <T> OutboundStream<T> openOutbound(long id, Codec<T> codec, boolean readerRegistered) {
    return openOutbound(id, codec, readerRegistered, NO_METHOD, false);
  }

  /** As {@link #openOutbound(long, Codec, boolean)}, for {@code method} (a built-in call's id if {@code builtin}). */
  <T> OutboundStream<T> openOutbound(long id, Codec<T> codec, boolean readerRegistered, int method, boolean builtin) {
    OutboundStream<T> s = new OutboundStream<>(this, id, codec, readerRegistered ? WINDOW : 0,
        readerRegistered ? WINDOW_BYTES : 0, readerRegistered);
    s.method = method;
    s.builtin = builtin;
    outbound.put(id, s);
    if (Jfr.AVAILABLE) {
      s.event = RpcEvents.streamOpened(id, false, peer);
    }
    RpcException cause = lost;
    if (cause != null) {
      s.connectionLost(cause);
    } else if (takeEarlyCancel(id)) {
      s.cancelledByReader();
    }
    return s;
  }

  /** A reader for stream {@code id}; it grants its first window on {@link InboundStream#attach} if asked to. */
  <T> InboundStream<T> openInbound(long id, Codec<T> codec, boolean grantOnAttach) {
    return openInbound(id, codec, grantOnAttach, NO_METHOD, false);
  }

  /** As {@link #openInbound(long, Codec, boolean)}, for {@code method} (a built-in call's id if {@code builtin}). */
  <T> InboundStream<T> openInbound(long id, Codec<T> codec, boolean grantOnAttach, int method, boolean builtin) {
    InboundStream<T> s = new InboundStream<>(this, id, codec, grantOnAttach);
    s.method = method;
    s.builtin = builtin;
    inbound.put(id, s);
    if (Jfr.AVAILABLE) {
      s.event = RpcEvents.streamOpened(id, true, peer);
    }
    RpcException cause = lost;
    if (cause != null) {
      s.connectionLost(cause);
    }
    return s;
  }

  /**
   * One open stream, as seen now from this end.
   *
   * @param id its id on the connection
   * @param inbound whether this end reads it (else it writes it)
   * @param method the method it was opened for ({@link #NO_METHOD} if not told)
   * @param builtin whether {@code method} is a built-in call's id (the worker's log, say)
   * @param items items received (inbound) or sent (outbound) so far
   * @param bytes the encoded size of those items
   * @param openedNanos when it opened, on {@link System#nanoTime()}'s clock
   */
  public record OpenStream(long id, boolean inbound, int method, boolean builtin, long items, long bytes,
      long openedNanos) {}

  /** {@return the streams open now, with their counts so far} (cheap: no lock, no call) */
  public List<OpenStream> openStreams() {
    List<OpenStream> out = new java.util.ArrayList<>(inbound.size() + outbound.size());
    for (InboundStream<?> s : inbound.values()) {
      out.add(new OpenStream(s.id(), true, s.method, s.builtin, s.receivedItems(), s.receivedBytes(), s.openedNanos));
    }
    for (OutboundStream<?> s : outbound.values()) {
      out.add(new OpenStream(s.id(), false, s.method, s.builtin, s.sentItems(), s.sentBytes(), s.openedNanos));
    }
    return out;
  }

  void remove(long id, Object stream) {
    if (outbound.remove(id, stream)) {
      OutboundStream<?> s = (OutboundStream<?>) stream;
      if (s.event != null) {
        RpcEvents.streamClosed(s.event, s.sentItems(), s.sentBytes());
      }
    } else if (inbound.remove(id, stream)) {
      InboundStream<?> s = (InboundStream<?>) stream;
      if (s.event != null) {
        RpcEvents.streamClosed(s.event, s.receivedItems(), s.receivedBytes());
      }
    }
  }

  String peer() {
    return peer;
  }

  Executor executor() {
    return executor;
  }

  int maxMessageSize() {
    return maxMessageSize;
  }

  io.netty.buffer.ByteBufAllocator alloc() {
    return channel.alloc();
  }

  /**
   * Handles a {@code STREAM_*} frame whose kind has been read; returns false for any other kind.
   * Runs on the event loop; the caller still owns (and releases) {@code frame}.
   */
  public boolean onFrame(byte kind, ByteBuf frame) {
    switch (kind) {
      case Frames.STREAM_ITEM -> {
        InboundStream<?> s = inbound.get(frame.readLong());
        if (s != null) {
          s.onItem(frame.retain());
        }
      }
      case Frames.STREAM_BLOCKED -> {
        InboundStream<?> s = inbound.get(frame.readLong());
        if (s != null) {
          s.onWriterBlocked();
        }
      }
      case Frames.STREAM_END -> {
        InboundStream<?> s = inbound.get(frame.readLong());
        if (s != null) {
          s.onEnd(null);
        }
      }
      case Frames.STREAM_ERROR -> {
        InboundStream<?> s = inbound.get(frame.readLong());
        if (s != null) {
          s.onEnd(Frames.readFailure(new ByteBufWireInput(frame), peer));
        }
      }
      case Frames.STREAM_CANCEL -> {
        long id = frame.readLong();
        // Remembered first, then looked up: a writer opening meanwhile finds one or the other.
        rememberEarlyCancel(id);
        OutboundStream<?> s = outbound.get(id);
        if (s != null) {
          takeEarlyCancel(id);
          s.cancelledByReader();
        }
      }
      case Frames.STREAM_CREDIT -> {
        long id = frame.readLong();
        int n = frame.readInt();
        long bytes = frame.readLong();
        OutboundStream<?> s = outbound.get(id);
        if (s != null && (n > 0 || bytes > 0)) {
          s.grant(Math.max(0, n), Math.max(0, bytes));
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void rememberEarlyCancel(long id) {
    synchronized (earlyCancels) {
      earlyCancels.add(id);
      if (earlyCancels.size() > MAX_EARLY_CANCELS) {
        earlyCancels.pollFirst();
      }
    }
  }

  private boolean takeEarlyCancel(long id) {
    synchronized (earlyCancels) {
      return earlyCancels.remove(id);
    }
  }

  /** The cancels remembered for writers not opened yet, for tests. */
  int earlyCancels() {
    synchronized (earlyCancels) {
      return earlyCancels.size();
    }
  }

  /** Ends every stream of the connection: readers fail with {@code cause}, writers close. */
  public void connectionLost(RpcException cause) {
    lost = cause;
    synchronized (earlyCancels) {
      earlyCancels.clear();
    }
    for (InboundStream<?> s : List.copyOf(inbound.values())) {
      s.connectionLost(cause);
    }
    for (OutboundStream<?> s : List.copyOf(outbound.values())) {
      s.connectionLost(cause);
    }
  }

  /** Whether inbound stream {@code id} is still open (not ended, cancelled or lost). */
  boolean hasInbound(long id) {
    return inbound.containsKey(id);
  }

  /** The number of open streams, for tests and diagnostics. */
  public int size() {
    return inbound.size() + outbound.size();
  }

  void sendCredit(long id, int n, long bytes) {
    send(Frames.build(channel.alloc(), Frames.STREAM_CREDIT, maxMessageSize, "a credit", out -> {
      out.writeLong(id);
      out.writeInt(n);
      out.writeLong(bytes);
    }));
  }

  void sendBlocked(long id) {
    send(Frames.build(channel.alloc(), Frames.STREAM_BLOCKED, maxMessageSize, "a blocked", out -> out.writeLong(id)));
  }

  void sendCancel(long id) {
    send(Frames.build(channel.alloc(), Frames.STREAM_CANCEL, maxMessageSize, "a cancel", out -> out.writeLong(id)));
  }

  ByteBuf frame(byte kind, String what, Consumer<ByteBufWireOutput> body) {
    return Frames.build(channel.alloc(), kind, maxMessageSize, what, body);
  }

  /** A stream item's frame, in a buffer of {@code expectedSize} to begin with. */
  ByteBuf itemFrame(int expectedSize, Consumer<ByteBufWireOutput> body) {
    return Frames.build(channel.alloc(), Frames.STREAM_ITEM, maxMessageSize, "a stream item", expectedSize, body);
  }

  /**
   * Sends {@code frame} through the connection's queue, after every frame sent before it, stream
   * frames, calls and replies alike, so each thread's frames leave in the order it sent them: a
   * worker's reply cannot overtake the items and the end its method wrote before it returned. The
   * queue writes what it holds in batches, one task on the event loop and one flush each.
   */
  void send(ByteBuf frame) {
    if (lost != null || !channel.isActive()) {
      frame.release();
      return;
    }
    sender.accept(frame);
  }
}
