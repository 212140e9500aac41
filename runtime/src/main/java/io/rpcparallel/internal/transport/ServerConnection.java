package io.rpcparallel.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.rpcparallel.ConnectionException;
import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.RpcException;
import io.rpcparallel.RpcSettings;
import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import io.rpcparallel.internal.Failures;
import io.rpcparallel.internal.Jfr;
import io.rpcparallel.internal.exec.WorkerMdc;
import io.rpcparallel.internal.RpcEvents;
import io.rpcparallel.internal.gen.Dispatcher;
import io.rpcparallel.internal.gen.Responder;
import io.rpcparallel.internal.gen.StreamCall;
import io.rpcparallel.internal.stream.ServerStreamCall;
import io.rpcparallel.internal.wire.ByteBufWireInput;
import io.rpcparallel.internal.wire.CountingWireOutput;
import io.rpcparallel.internal.wire.Frames;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's handler of one authenticated connection. Decodes frame headers on the event loop
 * and hands each call to the call pool, where the dispatcher decodes the arguments and runs the
 * implementation; replies are encoded on that thread and queued to the channel's {@link Outbox}.
 * A method the dispatcher runs on the event loop ({@code @OnEventLoop}) runs right there instead,
 * and its reply is flushed with the others of the same read.
 *
 * <p>At most {@link RpcSettings#maxCallsInFlight()} calls of the connection run at once: past
 * that, calls wait here in order and the connection stops reading, until half of them are
 * answered. So one client can never hold more than that many threads, nor make the worker buffer
 * more than one read's worth of calls beyond them.
 */
public final class ServerConnection extends ConnectionHandler {
  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

  private final RpcServer server;
  private Dispatcher dispatcher;
  /** This connection's state, once built (only when the server has connection states). */
  private volatile Object state;

  /** Guards {@link #running}, {@link #waiting} and {@link #paused}; no user code runs under it. */
  private final Object gate = new Object();
  private int running;
  private final ArrayDeque<Call> waiting = new ArrayDeque<>();
  private boolean paused;
  private boolean closed;

  ServerConnection(RpcServer server, Channel channel, RpcSettings settings) {
    super(channel, settings, "client " + channel.remoteAddress(), log, server.transport().executor());
    this.server = server;
  }

  void setDispatcher(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** The connection's channel. */
  public Channel channel() {
    return channel;
  }

  /** Closes this connection. */
  public void close() {
    channel.close();
  }

  @Override
  boolean onFrame(ChannelHandlerContext ctx, byte kind, ByteBuf frame) {
    switch (kind) {
      case Frames.CALL -> {
        // The frame's length and kind were read: the event counts the whole frame.
        long size = frame.readableBytes() + 4 + 1;
        long callId = frame.readLong();
        int methodId = frame.readInt();
        CallResponder responder = new CallResponder(callId, methodId, true);
        if (Jfr.AVAILABLE) {
          responder.event = RpcEvents.callServedStarted(methodId, size);
        }
        admit(new Call(frame, methodId, responder));
        return true;
      }
      case Frames.ONEWAY -> {
        int methodId = frame.readInt();
        admit(new Call(frame, methodId, new OneWayResponder(methodId)));
        return true;
      }
      case Frames.CONTROL -> {
        // Built-ins (shutdown among them) are few and short: they skip the cap, so that a
        // connection full of stuck calls can still be shut down.
        long callId = frame.readLong();
        int builtin = frame.readInt();
        CallResponder responder = new CallResponder(callId, builtin, false);
        server.transport().executor().execute(() -> {
          try {
            server.builtin(this, builtin, new ByteBufWireInput(frame), responder);
          } finally {
            frame.release();
          }
        });
        return true;
      }
      default -> throw new IllegalArgumentException("unexpected frame kind " + kind);
    }
  }

  /**
   * The next call of a connection, handed to the pool thread whose call just answered: it runs it
   * when its own ends, rather than starting another thread (the pool hands work over without a
   * queue, so every execute from a busy thread would make a new one).
   */
  private static final ThreadLocal<Call> NEXT = new ThreadLocal<>();
  /** The call this pool thread is running, if any: only its own answer hands the next call over. */
  private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

  /** One call, from its frame to its answer. */
  private final class Call implements Runnable {
    private final ByteBuf frame;
    private final int methodId;
    private final Responder responder;
    /** Whether it runs on the event loop rather than the call pool. */
    private final boolean onLoop;

    Call(ByteBuf frame, int methodId, Responder responder) {
      this.frame = frame;
      this.methodId = methodId;
      this.responder = responder;
      this.onLoop = dispatcher.runsOnEventLoop(methodId);
      if (responder instanceof CallResponder c) {
        c.call = this;
      }
    }

    @Override
    public void run() {
      try {
        Call c = this;
        while (c != null) {
          CURRENT.set(c);
          c.runOnce();
          c = NEXT.get();
          NEXT.remove();
        }
      } finally {
        CURRENT.remove();
      }
    }

    private void runOnce() {
      try {
        WorkerMdc.restore(); // user code of an earlier call on this thread may have cleared it
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
        if (responder instanceof OneWayResponder) {
          callDone(this);
        }
      }
    }

    /** The pool is at its ceiling: the call fails at once, and its slot is freed. */
    void reject() {
      frame.release();
      responder.fail(new RpcException("the worker runs " + settings.maxThreads() + " calls at once already"
          + " (max_threads); this call was refused"));
      if (responder instanceof OneWayResponder) {
        callDone(this);
      }
    }

    /** Fails the call before it takes a slot. */
    void refuse(RpcException why) {
      frame.release();
      if (responder instanceof CallResponder c) {
        c.failUncounted(why);
      } else {
        responder.fail(why);
      }
    }

    void drop() {
      frame.release();
    }
  }

  /**
   * Runs {@code call} now if the connection is under its cap, else queues it and stops reading.
   * On the event loop.
   */
  private void admit(Call call) {
    if (server.draining()) {
      call.refuse(new RpcException("the worker is shutting down and takes no new calls"));
      return;
    }
    synchronized (gate) {
      if (running >= settings.maxCallsInFlight()) {
        waiting.add(call);
        if (!paused) {
          paused = true;
          channel.config().setAutoRead(false);
        }
        return;
      }
      running++;
    }
    server.callStarted();
    if (call.onLoop) {
      call.runOnce();
    } else {
      start(call);
    }
  }

  /** Starts a call that has its slot: on the pool, or queued to the event loop if it runs there. */
  private void start(Call call) {
    if (call.onLoop) {
      // Queued rather than run here (even on the loop): a chain of waiting calls must not recurse.
      try {
        channel.eventLoop().execute(call::runOnce);
      } catch (RejectedExecutionException e) {
        // The loop is gone, and the connection with it: nobody is left to answer.
        call.drop();
        callDone(call);
      }
      return;
    }
    try {
      server.transport().calls().execute(call);
    } catch (RejectedExecutionException e) {
      call.reject();
    }
  }

  /**
   * Call {@code answered} of this connection was answered: start the next, and read again once
   * below half the cap.
   */
  private void callDone(Call answered) {
    Call next;
    boolean resume = false;
    synchronized (gate) {
      next = closed ? null : waiting.poll();
      if (next == null) {
        running--;
      }
      if (paused && !closed && running + waiting.size() <= settings.maxCallsInFlight() / 2) {
        paused = false;
        resume = true;
      }
    }
    if (next != null) {
      if (answered != null && CURRENT.get() == answered && NEXT.get() == null && !next.onLoop) {
        NEXT.set(next); // this thread runs it once its own call ends
      } else {
        start(next);
      }
    } else {
      server.callEnded();
    }
    if (resume) {
      channel.config().setAutoRead(true);
    }
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
    if (state != null) {
      responder.fail(new IllegalStateException("this connection's state is already built"));
      return;
    }
    Object built;
    try {
      // The client sends connect once, before any call, and waits for its answer: no race here.
      built = states.build(arg);
    } catch (Throwable t) {
      log.info("closing connection from {}: its connection state failed to build: {}", channel.remoteAddress(),
          Failures.unwrap(t).toString());
      responder.failThenClose(t);
      return;
    }
    state = built;
    responder.reply(out -> {});
  }

  private void send(ByteBuf frame) {
    outbox.send(frame);
  }

  /** An address as {@code host:port}, for events. */
  private static String address(SocketAddress a) {
    return a instanceof InetSocketAddress i ? i.getHostString() + ":" + i.getPort() : String.valueOf(a);
  }

  @Override
  void onClosed(ChannelHandlerContext ctx) {
    if (age.failure() != null) {
      log.warn(age.failure());
    }
    ArrayDeque<Call> dropped;
    synchronized (gate) {
      closed = true;
      dropped = new ArrayDeque<>(waiting);
      waiting.clear();
    }
    // Calls that never started have nobody to answer: their caller sees the connection close.
    for (Call c : dropped) {
      c.drop();
    }
    streams.connectionLost(new ConnectionException("the connection from " + channel.remoteAddress() + " closed"));
    server.connectionClosed(this);
  }

  /** Answers one call exactly once; never throws. */
  final class CallResponder implements Responder {
    private final long callId;
    private final int methodId;
    private final boolean counted;
    private final AtomicBoolean answered = new AtomicBoolean();
    /** The call this answers, once it is admitted (null for built-ins). */
    private volatile Call call;
    /** The call's JFR event while a recording wants served calls ({@link RpcEvents}), else null. */
    private Object event;

    /**
     * @param counted whether the call holds one of the connection's slots until it is answered
     */
    CallResponder(long callId, int methodId, boolean counted) {
      this.callId = callId;
      this.methodId = methodId;
      this.counted = counted;
    }

    @Override
    public void reply(Consumer<WireOutput> result) {
      if (answered.get()) {
        return;
      }
      ByteBuf frame;
      try {
        frame = Frames.build(channel.alloc(), Frames.REPLY, settings.maxMessageSize(), "the reply", out -> {
          out.writeLong(callId);
          result.accept(out);
        });
      } catch (MessageTooLargeException e) {
        // Too large, or nested too deep (then counting its size fails the same way).
        Long size = size(result);
        fail(new MessageTooLargeException(size == null
            ? "could not send the result of " + server.methodName(methodId) + ": " + e.getMessage()
            : "the result of " + server.methodName(methodId) + " is " + size
                + " bytes, more than the max message size of " + settings.maxMessageSize()
                + " bytes; raise max_message_size (RPC_PARALLEL_RPC_SETTINGS) or return less"));
        return;
      } catch (Throwable t) {
        // A result that cannot be encoded (a codec threw) fails the call.
        fail(new RpcException("could not send the result of " + server.methodName(methodId) + ": " + t, t));
        return;
      }
      if (!answered.compareAndSet(false, true)) {
        frame.release();
        return;
      }
      served(frame, null);
      send(frame);
      done();
    }

    /** Ends the call's JFR event, if it has one, as {@code answer} is about to be sent. */
    private void served(ByteBuf answer, Throwable failure) {
      if (event != null) {
        RpcEvents.callServedEnded(event, answer.readableBytes(), failure == null ? null : Failures.unwrap(failure),
            address(channel.remoteAddress()), server::methodName);
      }
    }

    /** The result's size in bytes, or null if it cannot be encoded at all. */
    private Long size(Consumer<WireOutput> result) {
      try {
        CountingWireOutput counter = new CountingWireOutput();
        result.accept(counter);
        return counter.count();
      } catch (Throwable t) {
        return null;
      }
    }

    @Override
    public void fail(Throwable error) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      send(errorFrame(error));
      done();
    }

    /** Answers with {@code error} for a call that never took a slot. */
    void failUncounted(Throwable error) {
      if (answered.compareAndSet(false, true)) {
        send(errorFrame(error));
      }
    }

    /** Answers with {@code error}, then closes the connection once the answer is written. */
    void failThenClose(Throwable error) {
      if (!answered.compareAndSet(false, true)) {
        channel.close();
        return;
      }
      channel.writeAndFlush(errorFrame(error)).addListener(ChannelFutureListener.CLOSE);
      done();
    }

    private void done() {
      if (counted) {
        callDone(call);
      }
    }

    private ByteBuf errorFrame(Throwable error) {
      ByteBuf frame = Frames.buildError(channel.alloc(), Frames.ERROR, settings.maxMessageSize(),
          out -> out.writeLong(callId), Failures.unwrap(error));
      served(frame, error);
      return frame;
    }

    @Override
    public StreamCall stream(WireInput args) {
      return new ServerStreamCall(streams, args.readLong(), this);
    }

    @Override
    public void unknownMethod(int id) {
      fail(new UnsupportedOperationException(String.format(
          "unknown method id 0x%08x: this worker's interface has no such method", id)));
    }
  }

  /** One-way calls get no answer: failures are logged on the worker. */
  private final class OneWayResponder implements Responder {
    private final int methodId;

    OneWayResponder(int methodId) {
      this.methodId = methodId;
    }

    @Override
    public void reply(Consumer<WireOutput> result) {}

    @Override
    public void fail(Throwable error) {
      log.warn("one-way call {} failed", server.methodName(methodId), Failures.unwrap(error));
    }

    @Override
    public void unknownMethod(int id) {
      log.warn("one-way call to unknown method id 0x{}", Integer.toHexString(id));
    }
  }
}
