package io.rpcparallel;

import io.rpcparallel.internal.stream.SubscriberWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The writing end of a stream of items. A worker method that takes one as its last parameter
 * (a <em>direct pipe</em>) writes items the caller receives, and may keep writing after it
 * returns; a worker method that returns one (a <em>reverse direct pipe</em>) gives the caller a
 * writer whose items reach the worker.
 *
 * <p>Writers that cross the wire honour backpressure with credits: {@link #write} waits while the
 * reader has not granted room for another item, so a fast writer never outruns a slow reader.
 * When the reader cancels (or the connection is lost) the writer is closed: {@link #closed()}
 * completes and later writes throw {@link StreamClosedException}.
 *
 * <p>A writer is meant for one writing thread at a time.
 *
 * @param <T> the items
 */
public interface StreamWriter<T> {
  /**
   * Writes one item, waiting while the reader has no room for it.
   *
   * @param item the item
   * @throws StreamClosedException if the stream is closed: ended by this writer, cancelled by the
   *     reader, or its connection lost
   */
  void write(T item);

  /** Ends the stream normally; the reader sees its end after the items written before. Idempotent. */
  void close();

  /**
   * Ends the stream with {@code error}, which the reader sees (as a {@code RemoteException}
   * remotely).
   *
   * @param error why the stream ends
   */
  void fail(Throwable error);

  /**
   * {@return a future that completes once the stream is over} for whatever reason: this writer
   * closed or failed it, the reader cancelled it, or the connection was lost.
   */
  CompletableFuture<Void> closed();

  /** {@return whether {@link #closed()} has completed} */
  default boolean isClosed() {
    return closed().isDone();
  }

  /**
   * A writer that hands its items to {@code subscriber}, waiting in {@link #write} until the
   * subscriber has requested them. The subscriber's {@code cancel} closes the writer. Pass one to
   * a direct-pipe method to receive its items; return one from a reverse-direct-pipe method to
   * receive the caller's.
   *
   * @param subscriber the subscriber that receives the items
   * @param <T> the items
   * @return the writer
   */
  static <T> StreamWriter<T> to(Flow.Subscriber<? super T> subscriber) {
    return SubscriberWriter.subscribe(subscriber);
  }
}
