package io.rpcparallel.internal.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.rpcparallel.Codec;
import io.rpcparallel.RpcException;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.ByteBufWireOutput;
import io.rpcparallel.internal.wire.Frames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams of one connection, by id, on one end. Ids are chosen by the client, one per
 * streaming call; each stream has a writer on one end and a reader on the other.
 *
 * <p>Credits: a writer sends only as many items as its reader has granted. A reader on the
 * client registers before the call is sent, so a worker-side writer starts with {@link #WINDOW}
 * credits; a reader on the worker registers after the call arrives, so a client-side writer
 * starts with none and waits for the worker's first grant. A reader grants again each time it
 * has handed half a window to its consumer, so at most {@link #WINDOW} items of a stream are
 * ever buffered or in flight.
 */
public final class StreamTable {
  private static final Logger log = LoggerFactory.getLogger(StreamTable.class);

  /** The most items of one stream in flight or buffered at its reader. */
  public static final int WINDOW = 32;

  private final Channel channel;
  private final int maxMessageSize;
  private final String peer;
  private final Executor executor;
  private final Map<Long, OutboundStream<?>> outbound = new ConcurrentHashMap<>();
  private final Map<Long, InboundStream<?>> inbound = new ConcurrentHashMap<>();
  private volatile RpcException lost;
  /** Frames queued to the event loop by {@link #send} and not yet written. */
  private final AtomicInteger unflushed = new AtomicInteger();
  private final ChannelFutureListener logFailure = f -> {
    if (!f.isSuccess()) {
      log.debug("could not send a stream frame to {}", peer(), f.cause());
    }
  };

  /**
   * @param peer how errors name the other end (a worker's display name, or a client address)
   * @param executor where readers hand items to their sinks and callbacks run: the connection's
   *     transport's, never the event loop
   */
  public StreamTable(Channel channel, int maxMessageSize, String peer, Executor executor) {
    this.channel = channel;
    this.maxMessageSize = maxMessageSize;
    this.peer = peer;
    this.executor = executor;
  }

  /**
   * A writer for stream {@code id}: on the worker, with a window granted up front (the caller's
   * reader registered before the call); on the caller, with none until the worker's reader grants.
   */
  <T> OutboundStream<T> openOutbound(long id, Codec<T> codec, boolean readerRegistered) {
    OutboundStream<T> s = new OutboundStream<>(this, id, codec, readerRegistered ? WINDOW : 0, readerRegistered);
    outbound.put(id, s);
    RpcException cause = lost;
    if (cause != null) {
      s.connectionLost(cause);
    }
    return s;
  }

  /** A reader for stream {@code id}; it grants its first window on {@link InboundStream#attach} if asked to. */
  <T> InboundStream<T> openInbound(long id, Codec<T> codec, boolean grantOnAttach) {
    InboundStream<T> s = new InboundStream<>(this, id, codec, grantOnAttach);
    inbound.put(id, s);
    RpcException cause = lost;
    if (cause != null) {
      s.connectionLost(cause);
    }
    return s;
  }

  void remove(long id, Object stream) {
    outbound.remove(id, stream);
    inbound.remove(id, stream);
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
        OutboundStream<?> s = outbound.get(frame.readLong());
        if (s != null) {
          s.cancelledByReader();
        }
      }
      case Frames.STREAM_CREDIT -> {
        long id = frame.readLong();
        int n = frame.readInt();
        OutboundStream<?> s = outbound.get(id);
        if (s != null && n > 0) {
          s.grant(n);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Ends every stream of the connection: readers fail with {@code cause}, writers close. */
  public void connectionLost(RpcException cause) {
    lost = cause;
    for (InboundStream<?> s : List.copyOf(inbound.values())) {
      s.connectionLost(cause);
    }
    for (OutboundStream<?> s : List.copyOf(outbound.values())) {
      s.connectionLost(cause);
    }
  }

  /** The number of open streams, for tests and diagnostics. */
  public int size() {
    return inbound.size() + outbound.size();
  }

  void sendCredit(long id, int n) {
    send(Frames.build(channel.alloc(), Frames.STREAM_CREDIT, maxMessageSize, "a credit", out -> {
      out.writeLong(id);
      out.writeInt(n);
    }));
  }

  void sendCancel(long id) {
    send(Frames.build(channel.alloc(), Frames.STREAM_CANCEL, maxMessageSize, "a cancel", out -> out.writeLong(id)));
  }

  ByteBuf frame(byte kind, String what, Consumer<ByteBufWireOutput> body) {
    return Frames.build(channel.alloc(), kind, maxMessageSize, what, body);
  }

  void send(ByteBuf frame) {
    if (lost != null || !channel.isActive()) {
      frame.release();
      return;
    }
    if (channel.eventLoop().inEventLoop()) {
      channel.writeAndFlush(frame).addListener(logFailure);
      return;
    }
    // From another thread: queue the write, and flush only when no later write is queued, so a
    // fast writer's items leave in one flush per batch instead of one each (tasks run in order).
    unflushed.incrementAndGet();
    try {
      channel.eventLoop().execute(() -> {
        channel.write(frame).addListener(logFailure);
        if (unflushed.decrementAndGet() == 0) {
          channel.flush();
        }
      });
    } catch (RejectedExecutionException e) {
      unflushed.decrementAndGet();
      frame.release();
    }
  }
}
