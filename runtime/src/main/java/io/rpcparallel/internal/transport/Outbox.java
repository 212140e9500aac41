package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The frames one connection sends, coalesced: calls, replies and stream frames alike, in one
 * queue. A frame sent from a thread other than the channel's event loop is queued; the first one
 * queued after a drain schedules one task on the loop, which writes every frame queued by then and
 * flushes once. So calls from a busy caller, replies from many pool threads or a fast stream's
 * items leave in one write (one system call) per batch, and each costs at most one task on the
 * loop, not a write task and a flush task each. One queue, not one for calls and one for streams:
 * a frame that joined a drain scheduled earlier would overtake what its thread sent before
 * through the other queue (a worker's reply, the items and the end its method wrote first).
 *
 * <p>A frame sent from a thread happens-after every frame that thread sent before, through this
 * outbox or through any other task it queued on the event loop: whoever sees a drain scheduled
 * also sees it queued (the check and the scheduling share a lock), so the drain runs first.
 * Frames sent on the loop itself are written at once, after whatever is queued.
 */
final class Outbox {
  private final Channel channel;
  private final Runnable drain = this::drain;
  /** Guards {@link #queued} and {@link #scheduled}; held only to add, take or schedule. */
  private final Object lock = new Object();
  private List<Entry> queued = new ArrayList<>();
  private boolean scheduled;

  /** A queued frame, and who hears if writing it fails (or null). */
  private record Entry(ByteBuf frame, ChannelFutureListener onFailure) {}

  Outbox(Channel channel) {
    this.channel = channel;
  }

  /** Sends {@code frame}; a failure to write it is the connection's to notice (it closes). */
  void send(ByteBuf frame) {
    send(frame, null);
  }

  /**
   * Sends {@code frame} and calls {@code onFailure} with the failed write's future if it cannot
   * be written (the channel closed, or its event loop is gone).
   */
  void send(ByteBuf frame, ChannelFutureListener onFailure) {
    Entry entry = new Entry(frame, onFailure);
    if (channel.eventLoop().inEventLoop()) {
      // In a read (a direct method's reply), the flush consolidation handler defers this flush
      // to the read's end, so replies to one read leave together.
      drainQueued();
      write(entry);
      channel.flush();
      return;
    }
    synchronized (lock) {
      queued.add(entry);
      if (scheduled) {
        return;
      }
      scheduled = true;
      try {
        channel.eventLoop().execute(drain);
        return;
      } catch (RejectedExecutionException e) {
        // The loop is gone: nothing queued will be written.
        scheduled = false;
      }
    }
    failAll(take());
  }

  private void drain() {
    drainQueued();
    // Straight to the socket: the flush consolidation handler would queue this flush as one more
    // task, and this task already batches (the handler is first in the pipeline, after the head).
    ChannelHandlerContext flush = channel.pipeline().context(Pipelines.FLUSH);
    if (flush != null) {
      flush.flush();
    } else {
      channel.flush();
    }
  }

  /** On the loop: writes what is queued, in order. */
  private void drainQueued() {
    for (Entry e : take()) {
      write(e);
    }
  }

  private List<Entry> take() {
    synchronized (lock) {
      scheduled = false;
      if (queued.isEmpty()) {
        return List.of();
      }
      List<Entry> batch = queued;
      queued = new ArrayList<>();
      return batch;
    }
  }

  private void write(Entry e) {
    if (e.onFailure() == null) {
      channel.write(e.frame(), channel.voidPromise());
    } else {
      channel.write(e.frame()).addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          e.onFailure().operationComplete(f);
        }
      });
    }
  }

  private void failAll(List<Entry> entries) {
    for (Entry e : entries) {
      e.frame().release();
      if (e.onFailure() != null) {
        ChannelPromise failed = channel.newPromise();
        failed.setFailure(new ClosedChannelException());
        try {
          e.onFailure().operationComplete(failed);
        } catch (Exception ignored) {
          // a listener that throws changes nothing here
        }
      }
    }
  }
}
