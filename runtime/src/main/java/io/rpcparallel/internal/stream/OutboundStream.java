package io.rpcparallel.internal.stream;

import io.netty.buffer.ByteBuf;
import io.rpcparallel.Codec;
import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.RpcException;
import io.rpcparallel.StreamClosedException;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.internal.Failures;
import io.rpcparallel.internal.RpcEvents;
import io.rpcparallel.internal.wire.CountingWireOutput;
import io.rpcparallel.internal.wire.Frames;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * The writing end of one stream, sending to the reader at the other end of the connection.
 * {@link #write} encodes the item (on the writer's thread, holding no lock, into a frame as large
 * as the last one, so a large item is copied once), then spends one item and the item's bytes of
 * credit, waiting while there is none. A write that uses up the credit tells the reader so
 * ({@code STREAM_BLOCKED}), which lets a reader that keeps up grow the window.
 *
 * <p>A writer whose reader registers only when the call reaches it (the caller's end of a reverse
 * pipe) holds back its end until the reader's first grant: the reader could not yet know the
 * stream, and an end sent at once (an empty publisher) would be lost.
 */
final class OutboundStream<T> implements StreamWriter<T> {
  private final StreamTable table;
  private final long id;
  private final Codec<T> codec;
  private final CreditGate gate;
  /** Completed on the executor: callbacks on it are the user's (a publisher's cancel, say). */
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final CompletableFuture<RpcException> localFailure = new CompletableFuture<>();
  /** Held from taking credit to queueing the frame, so frames leave in credit order; no user code runs under it. */
  private final Object sendOrder = new Object();
  /** Guards the fields below; no user code runs under it. */
  private final Object lock = new Object();
  private boolean peerReady;
  private boolean done;
  private RpcException whyDone;
  private ByteBuf heldEnd;
  private Runnable creditListener;
  /** The size of the last frame built: where the next one starts (a hint, so races do no harm). */
  private int lastFrameSize = 256;
  /** Items sent and their bytes; written under {@code sendOrder}, read from any thread (opaque). */
  private long sentItems;
  private long sentBytes;
  /** What the stream is for, as {@link StreamTable#openStreams()} tells it; set before it is listed. */
  int method = StreamTable.NO_METHOD;
  boolean builtin;
  final long openedNanos = System.nanoTime();
  /** The JFR event of this stream's close, while a recording wants it ({@link RpcEvents}); else null. */
  Object event;

  /**
   * @param credits the items granted up front
   * @param creditBytes the bytes granted up front
   * @param peerReady whether the reader already knows the stream (it registered before the call)
   */
  OutboundStream(StreamTable table, long id, Codec<T> codec, long credits, long creditBytes, boolean peerReady) {
    this.table = table;
    this.id = id;
    this.codec = codec;
    this.gate = new CreditGate(credits, creditBytes);
    this.peerReady = peerReady;
  }

  @Override
  public void write(T item) {
    writeSized(item);
  }

  /** {@link #write}s {@code item}; returns its encoded size in bytes, what it spent of the byte credit. */
  long writeSized(T item) {
    RpcException why = whyDone();
    if (why != null) {
      throw closedError(why);
    }
    ByteBuf frame;
    try {
      frame = table.itemFrame(lastFrameSize, out -> {
        out.writeLong(id);
        codec.encode(out, item);
      });
      lastFrameSize = frame.readableBytes();
    } catch (MessageTooLargeException e) {
      // Too large, or nested too deep (then counting its size fails the same way).
      Long size = size(item);
      MessageTooLargeException tooLarge = new MessageTooLargeException(size == null
          ? "could not send a stream item, so the stream was ended: " + e.getMessage()
          : "a stream item of " + size + " bytes is larger than the max message size of " + table.maxMessageSize()
              + " bytes, so the stream was ended; raise max_message_size (RPC_PARALLEL_RPC_SETTINGS) or send smaller"
              + " items");
      failLocally(tooLarge);
      throw tooLarge;
    } catch (Throwable t) {
      RpcException cannot = new RpcException("could not encode a stream item, so the stream was ended: " + t, t);
      failLocally(cannot);
      throw cannot;
    }
    long size = frame.readableBytes() - ITEM_HEADER;
    // Items leave in the order they took their credit, which is what the reader checks them against.
    synchronized (sendOrder) {
      boolean usedUp;
      try {
        usedUp = gate.acquire(size, () -> closedError(whyDone()));
      } catch (RuntimeException e) {
        frame.release();
        throw e;
      }
      table.send(frame);
      SENT_ITEMS.setOpaque(this, sentItems + 1);
      SENT_BYTES.setOpaque(this, sentBytes + size);
      if (usedUp) {
        table.sendBlocked(id);
      }
    }
    return size;
  }

  /** The bytes of an item frame before the item: length, kind, stream id. */
  static final int ITEM_HEADER = 4 + 1 + 8;

  /** The item's size in bytes, or null if it cannot be encoded at all. */
  private Long size(T item) {
    try {
      CountingWireOutput counter = new CountingWireOutput();
      codec.encode(counter, item);
      return counter.count();
    } catch (Throwable t) {
      return null;
    }
  }

  private RpcException whyDone() {
    synchronized (lock) {
      return whyDone;
    }
  }

  private StreamClosedException closedError(RpcException why) {
    return new StreamClosedException("stream " + id + " is closed: " + why.getMessage(), why);
  }

  @Override
  public void close() {
    end(new StreamClosedException("the writer closed it"),
        table.frame(Frames.STREAM_END, "a stream end", out -> out.writeLong(id)));
  }

  @Override
  public void fail(Throwable error) {
    end(new StreamClosedException("the writer failed it: " + error, error), errorFrame(error));
  }

  /** Fails the stream on both ends, from this end's own failure to send; the call hears of it too. */
  private void failLocally(RpcException cause) {
    if (end(cause, errorFrame(cause))) {
      localFailure.complete(cause);
    }
  }

  private ByteBuf errorFrame(Throwable error) {
    return Frames.buildError(table.alloc(), Frames.STREAM_ERROR, table.maxMessageSize(), out -> out.writeLong(id),
        Failures.unwrap(error));
  }

  /** Ends the stream with {@code last} (its end or error frame); returns false if it had ended. */
  private boolean end(RpcException why, ByteBuf last) {
    boolean send;
    synchronized (lock) {
      if (done) {
        last.release();
        return false;
      }
      done = true;
      whyDone = why;
      send = peerReady;
      if (!send) {
        heldEnd = last;
      }
    }
    gate.close(); // first: a writer waiting for credit lets go of sendOrder
    if (send) {
      table.remove(id, this);
      synchronized (sendOrder) {
        table.send(last); // after any item that took its credit before the end
      }
    }
    completeClosed();
    return true;
  }

  @Override
  public CompletableFuture<Void> closed() {
    return closed.copy();
  }

  /** Completes with the failure if this end failed the stream itself (an item too large to send). */
  CompletableFuture<RpcException> localFailure() {
    return localFailure;
  }

  /** Calls {@code listener} (on the executor) after every credit granted from now on. */
  void onCredit(Runnable listener) {
    synchronized (lock) {
      creditListener = listener;
    }
  }

  /**
   * The items sent so far, for the stream's close event: read without {@code sendOrder} (the event
   * loop may end a stream while a writer holds it waiting for credit), so exact when the writer's
   * own thread ends the stream and close to it otherwise.
   */
  long sentItems() {
    return (long) SENT_ITEMS.getOpaque(this);
  }

  /** The bytes of items sent so far, read as {@link #sentItems()} is. */
  long sentBytes() {
    return (long) SENT_BYTES.getOpaque(this);
  }

  private static final VarHandle SENT_ITEMS;
  private static final VarHandle SENT_BYTES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      SENT_ITEMS = lookup.findVarHandle(OutboundStream.class, "sentItems", long.class);
      SENT_BYTES = lookup.findVarHandle(OutboundStream.class, "sentBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  long id() {
    return id;
  }

  /** The items of credit held now. */
  long credits() {
    return gate.available();
  }

  /** The bytes of credit held now (below zero after an item larger than what was left). */
  long creditBytes() {
    return gate.availableBytes();
  }

  /** The reader granted {@code n} more items and {@code bytes} more bytes (on the event loop). */
  void grant(int n, long bytes) {
    ByteBuf end = null;
    Runnable listener = null;
    synchronized (lock) {
      if (!peerReady) {
        peerReady = true;
        end = heldEnd;
        heldEnd = null;
      }
      if (end == null && gate.grant(n, bytes)) {
        listener = creditListener;
      }
    }
    if (end != null) {
      table.remove(id, this);
      table.send(end);
      return;
    }
    if (listener != null) {
      table.executor().execute(listener);
    }
  }

  void cancelledByReader() {
    stop(new StreamClosedException("the reader cancelled stream " + id));
  }

  void connectionLost(RpcException cause) {
    stop(cause);
  }

  /** Ends the stream without telling the reader (it is gone, or never was). */
  void stop(RpcException cause) {
    ByteBuf held;
    boolean wasDone;
    synchronized (lock) {
      held = heldEnd;
      heldEnd = null;
      wasDone = done;
      if (!done) {
        done = true;
        whyDone = cause;
      }
    }
    if (held != null) {
      held.release();
    }
    table.remove(id, this);
    if (!wasDone) {
      gate.close();
      completeClosed();
    }
  }

  private void completeClosed() {
    table.executor().execute(() -> closed.complete(null));
  }
}
