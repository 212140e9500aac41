package io.rpcparallel.internal.stream;

import io.netty.buffer.ByteBuf;
import io.rpcparallel.Codec;
import io.rpcparallel.RpcException;
import io.rpcparallel.StreamClosedException;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.internal.transport.ServerConnection;
import io.rpcparallel.internal.transport.Transport;
import io.rpcparallel.internal.wire.Frames;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The writing end of one stream, sending to the reader at the other end of the connection.
 * {@link #write} spends one credit per item and waits while there is none.
 */
final class OutboundStream<T> implements StreamWriter<T> {
  private final StreamTable table;
  private final long id;
  private final Codec<T> codec;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private long credits;
  private boolean done;
  private RpcException whyDone;
  private LongConsumer creditListener;

  OutboundStream(StreamTable table, long id, Codec<T> codec, long credits) {
    this.table = table;
    this.id = id;
    this.codec = codec;
    this.credits = credits;
  }

  @Override
  public synchronized void write(T item) {
    while (credits == 0 && !done) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StreamClosedException("interrupted while waiting for the reader of stream " + id);
      }
    }
    if (done) {
      throw new StreamClosedException("stream " + id + " is closed: " + whyDone.getMessage(), whyDone);
    }
    ByteBuf frame = table.frame(Frames.STREAM_ITEM, "a stream item", out -> {
      out.writeLong(id);
      codec.encode(out, item);
    });
    credits--;
    table.send(frame);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (done) {
        return;
      }
      end(new StreamClosedException("the writer closed it"));
      table.send(table.frame(Frames.STREAM_END, "a stream end", out -> out.writeLong(id)));
    }
    closed.complete(null);
  }

  @Override
  public void fail(Throwable error) {
    synchronized (this) {
      if (done) {
        return;
      }
      end(new StreamClosedException("the writer failed it: " + error, error));
      Throwable cause = ServerConnection.unwrap(error);
      table.send(table.frame(Frames.STREAM_ERROR, "a stream error", out -> {
        out.writeLong(id);
        Frames.writeError(out, cause);
      }));
    }
    closed.complete(null);
  }

  @Override
  public CompletableFuture<Void> closed() {
    return closed.copy();
  }

  /** Calls {@code listener} (on the executor) with every credit granted from now on; returns the credits held now. */
  synchronized long onCredit(LongConsumer listener) {
    creditListener = listener;
    return credits;
  }

  void grant(int n) {
    LongConsumer listener;
    synchronized (this) {
      if (done) {
        return;
      }
      credits += n;
      notifyAll();
      listener = creditListener;
    }
    if (listener != null) {
      Transport.get().executor().execute(() -> listener.accept(n));
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
    synchronized (this) {
      if (done) {
        return;
      }
      end(cause);
    }
    closed.complete(null);
  }

  private void end(RpcException cause) {
    done = true;
    whyDone = cause;
    notifyAll();
    table.remove(id, this);
  }
}
