package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rpcparallel.ConnectionException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.gen.Responder;
import io.rpcparallel.internal.gen.StreamCall;
import io.rpcparallel.internal.stream.ServerStreamCall;
import io.rpcparallel.internal.stream.StreamTable;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.Frames;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's handler of one authenticated connection. Decodes frame headers on the event loop
 * and hands each call to the executor, where the dispatcher decodes the arguments and runs the
 * implementation; replies are encoded on that thread and queued to the channel.
 */
public final class ServerConnection extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

  private final RpcServer server;
  private final Channel channel;
  private final RpcSettings settings;
  private Dispatcher dispatcher;
  private final WriteBufferAge age;
  private final StreamTable streams;
  /** This connection's state, once built (only when the server has connection states). */
  private volatile Object state;

  ServerConnection(RpcServer server, Channel channel, RpcSettings settings) {
    this.server = server;
    this.channel = channel;
    this.settings = settings;
    this.age = new WriteBufferAge(channel, settings.writeBufferAgeLimit(), "client " + channel.remoteAddress());
    this.streams = new StreamTable(channel, settings.maxMessageSize(), "client " + channel.remoteAddress());
  }

  void setDispatcher(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  public Channel channel() {
    return channel;
  }

  /** Closes this connection. */
  public void close() {
    channel.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    boolean handedOff = false;
    try {
      byte kind = frame.readByte();
      switch (kind) {
        case Frames.CALL -> {
          long callId = frame.readLong();
          int methodId = frame.readInt();
          handedOff = run(frame, methodId, new CallResponder(callId));
        }
        case Frames.ONEWAY -> {
          int methodId = frame.readInt();
          handedOff = run(frame, methodId, new OneWayResponder(methodId));
        }
        case Frames.CONTROL -> {
          long callId = frame.readLong();
          int builtin = frame.readInt();
          CallResponder responder = new CallResponder(callId);
          Transport.get().executor().execute(() -> {
            try {
              server.builtin(this, builtin, new ByteBufWireInput(frame), responder);
            } finally {
              frame.release();
            }
          });
          handedOff = true;
        }
        case Frames.HEARTBEAT -> { }
        default -> {
          if (!streams.onFrame(kind, frame)) {
            log.warn("closing connection from {}: unexpected frame kind {}", channel.remoteAddress(), kind);
            ctx.close();
          }
        }
      }
    } catch (IndexOutOfBoundsException e) {
      log.warn("closing connection from {}: truncated frame", channel.remoteAddress());
      ctx.close();
    } catch (RejectedExecutionException e) {
      ctx.close();
    } finally {
      if (!handedOff) {
        frame.release();
      }
    }
  }

  /** Runs one call on the executor; returns true if the frame now belongs to that task. */
  private boolean run(ByteBuf frame, int methodId, Responder responder) {
    Transport.get().executor().execute(() -> {
      try {
        Object s = state;
        if (s == null && server.connectionStates() != null) {
          throw new IllegalStateException("this connection has no connection state yet: a worker whose interface"
              + " has a connect argument is called through XRpc.connect(worker, arg), which builds it first");
        }
        CurrentConnection.with(s, () -> dispatcher.dispatch(methodId, new ByteBufWireInput(frame), responder));
      } catch (Throwable t) {
        responder.fail(t);
      } finally {
        frame.release();
      }
    });
    return true;
  }

  /**
   * The connect built-in: builds this connection's state from the client's connect argument.
   * If that fails, the client hears why and the connection closes.
   */
  void buildState(RpcServer.ConnectionStates states, WireInput arg, CallResponder responder) {
    if (states == null) {
      responder.fail(new UnsupportedOperationException("this worker's interface has no connect argument"));
      return;
    }
    Object built;
    synchronized (this) {
      if (state != null) {
        responder.fail(new IllegalStateException("this connection's state is already built"));
        return;
      }
      try {
        built = states.build(arg);
      } catch (Throwable t) {
        log.info("closing connection from {}: its connection state failed to build: {}", channel.remoteAddress(),
            unwrap(t).toString());
        responder.failThenClose(t);
        return;
      }
      state = built;
    }
    responder.reply(out -> {});
  }

  private void send(ByteBuf frame) {
    channel.writeAndFlush(frame, channel.voidPromise());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    Heartbeats.onEvent(ctx, evt, String.valueOf(channel.remoteAddress()), settings, log);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    age.changed();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    age.closed();
    if (age.failure() != null) {
      log.warn(age.failure());
    }
    streams.connectionLost(new ConnectionException("the connection from " + channel.remoteAddress() + " closed"));
    server.connectionClosed(this);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Heartbeats.onError(ctx, cause, String.valueOf(channel.remoteAddress()), settings, log);
  }

  /** Answers one call exactly once. */
  final class CallResponder implements Responder {
    private final long callId;
    private final AtomicBoolean answered = new AtomicBoolean();

    CallResponder(long callId) {
      this.callId = callId;
    }

    @Override
    public void reply(Consumer<WireOutput> result) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      ByteBuf frame;
      try {
        frame = Frames.build(channel.alloc(), Frames.REPLY, settings.maxMessageSize(), "the reply", out -> {
          out.writeLong(callId);
          result.accept(out);
        });
      } catch (RuntimeException e) {
        answered.set(false);
        fail(e);
        return;
      }
      send(frame);
    }

    @Override
    public void fail(Throwable error) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      send(errorFrame(error));
    }

    /** Answers with {@code error}, then closes the connection once the answer is written. */
    void failThenClose(Throwable error) {
      if (!answered.compareAndSet(false, true)) {
        channel.close();
        return;
      }
      channel.writeAndFlush(errorFrame(error)).addListener(ChannelFutureListener.CLOSE);
    }

    private ByteBuf errorFrame(Throwable error) {
      Throwable cause = unwrap(error);
      return Frames.build(channel.alloc(), Frames.ERROR, settings.maxMessageSize(), "the error", out -> {
        out.writeLong(callId);
        Frames.writeError(out, cause);
      });
    }

    @Override
    public StreamCall stream(WireInput args) {
      return new ServerStreamCall(streams, args.readLong(), this);
    }

    @Override
    public void unknownMethod(int methodId) {
      fail(new UnsupportedOperationException(String.format(
          "unknown method id 0x%08x: this worker's interface has no such method", methodId)));
    }
  }

  /** The exception the user's code threw, not the future's wrapper around it. */
  public static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof java.util.concurrent.CompletionException
        || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** One-way calls get no answer: failures are logged on the worker. */
  private static final class OneWayResponder implements Responder {
    private final int methodId;

    OneWayResponder(int methodId) {
      this.methodId = methodId;
    }

    @Override
    public void reply(Consumer<WireOutput> result) {}

    @Override
    public void fail(Throwable error) {
      log.warn("one-way call 0x{} failed", Integer.toHexString(methodId), unwrap(error));
    }

    @Override
    public void unknownMethod(int id) {
      log.warn("one-way call to unknown method id 0x{}", Integer.toHexString(id));
    }
  }
}
