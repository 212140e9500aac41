package io.rpcparallel.internal.transport;

import io.netty.channel.Channel;
import io.rpcparallel.ConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Enforces the write-buffer age limit on one channel. While the peer does not read, the channel
 * is unwritable (its outbound buffer is past the high water mark): senders wait instead of
 * queueing more, and if it stays so for longer than the limit the connection is closed with a
 * clear message, so a stalled peer costs a bounded amount of memory and time.
 */
final class WriteBufferAge {
  private final Channel channel;
  private final Duration limit;
  private final String peer;
  private CompletableFuture<Void> writable = CompletableFuture.completedFuture(null);
  private volatile String failure;

  WriteBufferAge(Channel channel, Duration limit, String peer) {
    this.channel = channel;
    this.limit = limit;
    this.peer = peer;
  }

  /** The message the connection was closed with, or null. */
  String failure() {
    return failure;
  }

  /** Called on the event loop when the channel's writability changes. */
  void changed() {
    CompletableFuture<Void> done = null;
    synchronized (this) {
      if (channel.isWritable()) {
        done = writable;
      } else if (writable.isDone()) {
        CompletableFuture<Void> mark = new CompletableFuture<>();
        writable = mark;
        channel.eventLoop().schedule(() -> {
          if (!mark.isDone() && channel.isActive()) {
            failure = limitMessage();
            channel.close();
          }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
    if (done != null) {
      done.complete(null);
    }
  }

  private String limitMessage() {
    return "write buffer age limit exceeded: " + peer + " has not read what this process sent for "
        + limit + " (write_buffer_age_limit); the connection is closed";
  }

  /** Called on the event loop when the channel closes: nobody waits any more. */
  void closed() {
    CompletableFuture<Void> w;
    synchronized (this) {
      w = writable;
    }
    w.complete(null);
  }

  /**
   * Waits (off the event loop) until the channel takes more data; throws once the limit has
   * passed with the peer still not reading.
   */
  void await() {
    if (channel.isWritable() || channel.eventLoop().inEventLoop()) {
      return;
    }
    CompletableFuture<Void> w;
    synchronized (this) {
      w = writable;
    }
    try {
      w.get(limit.toNanos() + TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // The scheduled check closes the channel with this message; it may not have run yet.
      if (failure == null && !channel.isWritable()) {
        throw new ConnectionException(limitMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException("interrupted while waiting for " + peer + " to read");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    String f = failure;
    if (f != null) {
      throw new ConnectionException(f);
    }
  }
}
