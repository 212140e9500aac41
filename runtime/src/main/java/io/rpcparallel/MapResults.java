package io.rpcparallel;

import io.rpcparallel.internal.mapreduce.Job;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The outputs of a running map-reduce job, read once, as an iterator, a {@link Stream} or a
 * {@link Flow.Publisher}. Reading slowly slows the job down: it stops taking new inputs while too
 * many outputs wait. Closing it early cancels the job and shuts its workers down; closing it
 * after the last output waits until the workers are gone.
 *
 * @param <O> the output type
 */
public final class MapResults<O> implements Iterator<O>, AutoCloseable {
  private final Job<?, ?, ?> job;
  private final ArrayDeque<O> ready;
  private boolean closed;

  /** {@code ready} is the queue the job's sink fills, under the job's lock. */
  MapResults(Job<?, ?, ?> job, ArrayDeque<O> ready) {
    this.job = job;
    this.ready = ready;
  }

  /**
   * Waits for the next output. Returns false once every input is done; throws the job's failure
   * (an {@link RpcException}) if it failed.
   */
  @Override
  public boolean hasNext() {
    job.lock().lock();
    try {
      while (ready.isEmpty() && !job.ended() && !closed) {
        job.changed().awaitUninterruptibly();
      }
      if (!ready.isEmpty()) {
        return true;
      }
    } finally {
      job.lock().unlock();
    }
    rethrowFailure();
    return false;
  }

  private void rethrowFailure() {
    try {
      job.done().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (closed && Job.isCancellation(cause)) {
        return;
      }
      throw cause instanceof RpcException re ? re : new RpcException(String.valueOf(cause), cause);
    }
  }

  @Override
  public O next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    job.lock().lock();
    try {
      O o = ready.poll();
      job.consumed();
      return o;
    } finally {
      job.lock().unlock();
    }
  }

  /** {@return the outputs as a sequential stream} Closing the stream closes this. */
  public Stream<O> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  /**
   * {@return the outputs as a publisher for one subscriber} A thread feeds it, honouring the
   * subscriber's demand. The subscriber gets {@code onError} if the job fails.
   */
  public Flow.Publisher<O> publisher() {
    SubmissionPublisher<O> pub = new SubmissionPublisher<>();
    return subscriber -> {
      pub.subscribe(subscriber);
      Thread feeder = new Thread(() -> {
        try {
          while (hasNext()) {
            if (pub.isClosed() || pub.getNumberOfSubscribers() == 0) {
              close();
              return;
            }
            pub.submit(next());
          }
          pub.close();
        } catch (RuntimeException e) {
          pub.closeExceptionally(e);
        }
      }, "rpc-parallel-mapreduce-publisher");
      feeder.setDaemon(true);
      feeder.start();
    };
  }

  /**
   * Ends the job: cancels what is left if outputs remain unread, and waits until its workers have
   * shut down.
   */
  @Override
  public void close() {
    job.lock().lock();
    try {
      closed = true;
      job.changed().signalAll();
    } finally {
      job.lock().unlock();
    }
    job.cancel();
    try {
      job.done().join();
    } catch (CompletionException e) {
      // a failure was already reported to the reader, or the reader no longer cares
    }
  }
}
