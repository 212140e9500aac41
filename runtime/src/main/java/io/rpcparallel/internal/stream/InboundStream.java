package io.rpcparallel.internal.stream;

import io.netty.buffer.ByteBuf;
import io.rpcparallel.Codec;
import io.rpcparallel.RpcException;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.internal.RpcEvents;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reading end of one stream. Frames arrive on the event loop and are queued (at most a
 * window of them, in items and in bytes); one executor task at a time decodes them and writes the
 * items to the sink, which may block (that is the backpressure), granting credits back as items
 * are handed over. When the writer has said it used up its credit and this end then runs out of
 * items, the window was what held the stream back, and it grows (see {@link StreamTable}).
 * The sink closing early (its reader gave up) cancels the stream at the writer.
 */
final class InboundStream<T> {
  private static final Object END = new Object();

  private final StreamTable table;
  private final long id;
  private final Codec<T> codec;
  private final boolean grantOnAttach;
  /** ByteBuf items, then END or a RpcException. */
  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicBoolean finished = new AtomicBoolean();
  /** Credit granted to the writer so far, in items and bytes: what it may have sent. */
  private final AtomicLong granted = new AtomicLong();
  private final AtomicLong grantedBytes = new AtomicLong();
  /** Received from the writer so far; written on the event loop only, read from any thread (opaque). */
  private long received;
  private long receivedBytes;
  /** What the stream is for, as {@link StreamTable#openStreams()} tells it; set before it is listed. */
  int method = StreamTable.NO_METHOD;
  boolean builtin;
  final long openedNanos = System.nanoTime();
  /** The JFR event of this stream's close, while a recording wants it ({@link RpcEvents}); else null. */
  Object event;
  /** Set when the writer says it used up its credit; cleared when the window grows. */
  private final AtomicBoolean writerBlocked = new AtomicBoolean();
  private volatile StreamWriter<? super T> sink;
  private volatile RpcException lostCause;
  /** The window now, and what was handed to the sink since the last grant; drain task only. */
  private int window = StreamTable.WINDOW;
  private long windowBytes = StreamTable.WINDOW_BYTES;
  private int consumed;
  private long consumedBytes;

  InboundStream(StreamTable table, long id, Codec<T> codec, boolean grantOnAttach) {
    this.table = table;
    this.id = id;
    this.codec = codec;
    this.grantOnAttach = grantOnAttach;
    if (!grantOnAttach) {
      // The writer starts with the first window.
      granted.set(StreamTable.WINDOW);
      grantedBytes.set(StreamTable.WINDOW_BYTES);
    }
  }

  long id() {
    return id;
  }

  /** The items received so far (read once the stream ends, for its close event). */
  long receivedItems() {
    return (long) RECEIVED.getOpaque(this);
  }

  /** The bytes of items received so far. */
  long receivedBytes() {
    return (long) RECEIVED_BYTES.getOpaque(this);
  }

  private static final VarHandle RECEIVED;
  private static final VarHandle RECEIVED_BYTES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      RECEIVED = lookup.findVarHandle(InboundStream.class, "received", long.class);
      RECEIVED_BYTES = lookup.findVarHandle(InboundStream.class, "receivedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Starts delivering to {@code sink}. Once only. */
  void attach(StreamWriter<? super T> sink) {
    this.sink = sink;
    sink.closed().thenRun(this::sinkClosed);
    RpcException cause = lostCause;
    if (cause != null) {
      table.executor().execute(() -> sink.fail(cause));
      return;
    }
    if (grantOnAttach && !finished.get()) {
      grant(StreamTable.WINDOW, StreamTable.WINDOW_BYTES);
    }
    schedule();
  }

  boolean attached() {
    return sink != null;
  }

  /** An item's frame, read up to the item itself (on the event loop). */
  void onItem(ByteBuf item) {
    // The writer may send while it holds an item and a byte of credit: the bytes may overshoot by this item.
    if (received >= granted.get() || receivedBytes >= grantedBytes.get()) {
      item.release();
      fail(new WireFormatException("the writer of stream " + id + " sent more items than it was granted"));
      table.sendCancel(id);
      return;
    }
    RECEIVED.setOpaque(this, received + 1);
    RECEIVED_BYTES.setOpaque(this, receivedBytes + item.readableBytes());
    queue.add(item);
    if (finished.get()) {
      releaseQueued();
    } else {
      schedule();
    }
  }

  /** The writer used up its credit (on the event loop): if this end runs out of items too, the window grows. */
  void onWriterBlocked() {
    writerBlocked.set(true);
    schedule();
  }

  /** Grants the writer {@code n} more items and {@code bytes} more bytes, counted first so its items are expected. */
  private void grant(int n, long bytes) {
    granted.addAndGet(n);
    grantedBytes.addAndGet(bytes);
    table.sendCredit(id, n, bytes);
  }

  /** The writer ended the stream: normally ({@code error} null) or with an error. */
  void onEnd(RpcException error) {
    queue.add(error == null ? END : error);
    schedule();
  }

  /** Fails the stream at once, dropping what is queued. */
  void connectionLost(RpcException cause) {
    lostCause = cause;
    fail(cause);
  }

  /** The call that opened the stream failed: the reader sees why, and the writer is told to stop. */
  void callFailed(RpcException cause) {
    if (finish()) {
      table.sendCancel(id);
      StreamWriter<? super T> s = sink;
      if (s != null) {
        table.executor().execute(() -> s.fail(cause));
      } else {
        lostCause = cause;
      }
    }
  }

  /** Stops the stream here and tells the writer to stop. */
  void cancel() {
    if (finish()) {
      table.sendCancel(id);
    }
  }

  private void fail(RpcException cause) {
    if (finish()) {
      StreamWriter<? super T> s = sink;
      if (s != null) {
        table.executor().execute(() -> s.fail(cause));
      }
    }
  }

  private void sinkClosed() {
    // Our own close()/fail() of the sink happen after finish(); anything else is the reader leaving.
    cancel();
  }

  private boolean finish() {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    table.remove(id, this);
    releaseQueued();
    return true;
  }

  private void releaseQueued() {
    Object o;
    while ((o = queue.poll()) != null) {
      if (o instanceof ByteBuf b) {
        b.release();
      }
    }
  }

  private void schedule() {
    if (sink != null && wip.getAndIncrement() == 0) {
      table.executor().execute(this::drain);
    }
  }

  private void drain() {
    int missed = 1;
    do {
      drainAvailable();
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void drainAvailable() {
    StreamWriter<? super T> s = sink;
    Object o;
    while (!finished.get() && (o = queue.poll()) != null) {
      if (o instanceof ByteBuf buf) {
        int size = buf.readableBytes();
        T item;
        try {
          ByteBufWireInput in = new ByteBufWireInput(buf);
          item = codec.decode(in);
          in.expectEnd();
        } catch (RuntimeException e) {
          fail(new RpcException("could not decode an item of a stream from " + table.peer() + ": " + e, e));
          table.sendCancel(id);
          return;
        } finally {
          buf.release();
        }
        try {
          s.write(item);
        } catch (RuntimeException e) {
          // The sink is closed (its reader left) or its subscriber threw: stop the writer.
          cancel();
          return;
        }
        consumed++;
        consumedBytes += size;
        // A quarter, not half: the writer then always has room while the rest of the window is in flight.
        if ((consumed >= window / 4 || consumedBytes >= windowBytes / 4) && !finished.get()) {
          grantConsumed(0, 0);
        }
      } else if (finish()) {
        try {
          if (o == END) {
            s.close();
          } else {
            s.fail((RpcException) o);
          }
        } catch (RuntimeException e) {
          // The subscriber threw from its end signal: nothing is left to tell.
        }
      }
    }
    if (!finished.get() && queue.isEmpty() && writerBlocked.get()) {
      grow();
    }
  }

  /** The writer waits for credit and this end has nothing left to do: doubles the window, up to its most. */
  private void grow() {
    writerBlocked.set(false);
    int moreItems = Math.min(StreamTable.MAX_WINDOW, window * 2) - window;
    long moreBytes = Math.min(StreamTable.MAX_WINDOW_BYTES, windowBytes * 2) - windowBytes;
    window += moreItems;
    windowBytes += moreBytes;
    if (moreItems > 0 || moreBytes > 0 || consumed > 0) {
      grantConsumed(moreItems, moreBytes);
    }
  }

  /** Grants back what was consumed since the last grant, plus what the window grew by. */
  private void grantConsumed(int moreItems, long moreBytes) {
    grant(consumed + moreItems, consumedBytes + moreBytes);
    consumed = 0;
    consumedBytes = 0;
  }
}
