package io.rpcparallel.internal.stream;

import io.netty.buffer.ByteBuf;
import io.rpcparallel.Codec;
import io.rpcparallel.RpcException;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.WireFormatException;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reading end of one stream. Frames arrive on the event loop and are queued (at most a
 * window of them); one executor task at a time decodes them and writes the items to the sink,
 * which may block (that is the backpressure), granting credits back as items are handed over.
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
  private final AtomicInteger queued = new AtomicInteger();
  private volatile StreamWriter<? super T> sink;
  private volatile RpcException lostCause;
  /** Items handed to the sink since the last grant; drain task only. */
  private int consumed;

  InboundStream(StreamTable table, long id, Codec<T> codec, boolean grantOnAttach) {
    this.table = table;
    this.id = id;
    this.codec = codec;
    this.grantOnAttach = grantOnAttach;
  }

  long id() {
    return id;
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
      table.sendCredit(id, StreamTable.WINDOW);
    }
    schedule();
  }

  boolean attached() {
    return sink != null;
  }

  void onItem(ByteBuf item) {
    if (queued.incrementAndGet() > StreamTable.WINDOW) {
      item.release();
      fail(new WireFormatException("the writer of stream " + id + " sent more items than it was granted"));
      table.sendCancel(id);
      return;
    }
    queue.add(item);
    if (finished.get()) {
      releaseQueued();
    } else {
      schedule();
    }
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
        queued.decrementAndGet();
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
        if (++consumed >= StreamTable.WINDOW / 2 && !finished.get()) {
          table.sendCredit(id, consumed);
          consumed = 0;
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
  }
}
