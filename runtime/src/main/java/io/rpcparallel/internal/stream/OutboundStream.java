package io.rpcparallel.internal.stream;

import io.netty.buffer.ByteBuf;
import io.rpcparallel.Codec;
import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.RpcException;
import io.rpcparallel.StreamClosedException;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.internal.Failures;
import io.rpcparallel.internal.wire.CountingWireOutput;
import io.rpcparallel.internal.wire.Frames;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The writing end of one stream, sending to the reader at the other end of the connection.
 * {@link #write} encodes the item (on the writer's thread, holding no lock), then spends one
 * credit, waiting while there is none.
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
  /** Guards the fields below; no user code runs under it. */
  private final Object lock = new Object();
  private boolean peerReady;
  private boolean done;
  private RpcException whyDone;
  private ByteBuf heldEnd;
  private LongConsumer creditListener;

  /**
   * @param credits the credits granted up front
   * @param peerReady whether the reader already knows the stream (it registered before the call)
   */
  OutboundStream(StreamTable table, long id, Codec<T> codec, long credits, boolean peerReady) {
    this.table = table;
    this.id = id;
    this.codec = codec;
    this.gate = new CreditGate(credits);
    this.peerReady = peerReady;
  }

  @Override
  public void write(T item) {
    RpcException why = whyDone();
    if (why != null) {
      throw closedError(why);
    }
    ByteBuf frame;
    try {
      frame = table.frame(Frames.STREAM_ITEM, "a stream item", out -> {
        out.writeLong(id);
        codec.encode(out, item);
      });
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
    try {
      gate.acquire(() -> closedError(whyDone()));
    } catch (RuntimeException e) {
      frame.release();
      throw e;
    }
    table.send(frame);
  }

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
    gate.close();
    if (send) {
      table.remove(id, this);
      table.send(last);
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

  /** Calls {@code listener} (on the executor) with every credit granted from now on; returns the credits held now. */
  long onCredit(LongConsumer listener) {
    synchronized (lock) {
      creditListener = listener;
      return gate.available();
    }
  }

  /** The reader granted {@code n} more items (on the event loop). */
  void grant(int n) {
    ByteBuf end = null;
    LongConsumer listener = null;
    synchronized (lock) {
      if (!peerReady) {
        peerReady = true;
        end = heldEnd;
        heldEnd = null;
      }
      if (end == null && gate.grant(n)) {
        listener = creditListener;
      }
    }
    if (end != null) {
      table.remove(id, this);
      table.send(end);
      return;
    }
    if (listener != null) {
      LongConsumer l = listener;
      table.executor().execute(() -> l.accept(n));
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
