package io.rpcparallel.internal.stream;

import io.rpcparallel.Codec;
import io.rpcparallel.Codecs;
import io.rpcparallel.RpcException;
import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.WireOutput;
import io.rpcparallel.internal.gen.ResultReader;
import io.rpcparallel.internal.gen.RpcConnection;
import io.rpcparallel.internal.gen.StreamCalls;
import java.util.concurrent.CompletableFuture;
import io.rpcparallel.internal.Failures;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The client end of streaming calls. Each call carries its stream's id before its arguments; the
 * stream is registered before the call is sent, so no frame of it can arrive unknown.
 */
public final class ClientStreams implements StreamCalls {
  /** Sends one built-in (control) call. */
  @FunctionalInterface
  public interface ControlCaller {
    <R> CompletableFuture<R> control(int builtin, Consumer<WireOutput> args, ResultReader<R> result);
  }

  private final RpcConnection connection;
  private final ControlCaller control;
  private final StreamTable table;
  private final AtomicLong ids = new AtomicLong();
  /** The built-in streams opened here that may still be open (pruned as they are found closed). */
  private final java.util.Set<Long> controlStreams = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public ClientStreams(RpcConnection connection, ControlCaller control, StreamTable table) {
    this.connection = connection;
    this.control = control;
    this.table = table;
  }

  /**
   * A built-in stream from the worker (its log, say): completes, with a publisher of the items,
   * once the worker has answered; items sent after that are queued (a window of them) until
   * the publisher is subscribed to.
   */
  public <U> CompletableFuture<Flow.Publisher<U>> controlStream(int builtin, Codec<U> item) {
    long id = ids.incrementAndGet();
    InboundStream<U> in = table.openInbound(id, item, false, builtin, true);
    controlStreams.add(id);
    return control.control(builtin, withId(id, out -> {}), Codecs.VOID::decode).handle((v, e) -> {
      if (e != null) {
        RpcException cause = rpc(e);
        in.callFailed(cause);
        throw cause;
      }
      return new InboundPublisher<U>(in::attach);
    });
  }

  /**
   * The ids of the built-in streams opened through {@link #controlStream} that are still open
   * (neither ended, cancelled nor lost with the connection), in the order they were opened.
   */
  public java.util.List<Long> openControlStreams() {
    controlStreams.removeIf(id -> !table.hasInbound(id));
    return controlStreams.stream().sorted().toList();
  }

  private static Consumer<WireOutput> withId(long id, Consumer<WireOutput> args) {
    return out -> {
      out.writeLong(id);
      args.accept(out);
    };
  }

  private static RpcException rpc(Throwable t) {
    Throwable e = Failures.unwrap(t);
    return e instanceof RpcException re ? re : new RpcException(e.toString(), e);
  }

  @Override
  public <T> Flow.Publisher<T> pipe(int methodId, Consumer<WireOutput> args, Codec<T> item) {
    // A failed call fails the subscriber, through the sink.
    return new InboundPublisher<T>(sink -> directPipe(methodId, args, item, sink));
  }

  @Override
  public <T> CompletableFuture<Void> directPipe(int methodId, Consumer<WireOutput> args, Codec<T> item,
      StreamWriter<? super T> sink) {
    long id = ids.incrementAndGet();
    InboundStream<T> in = table.openInbound(id, item, false, methodId, false);
    in.attach(sink);
    return connection.call(methodId, withId(id, args), Codecs.VOID::decode)
        .whenComplete((v, e) -> {
          if (e != null) {
            in.callFailed(rpc(e));
          }
        });
  }

  @Override
  public <U, R> CompletableFuture<R> reversePipe(int methodId, Consumer<WireOutput> args, Flow.Publisher<U> items,
      Codec<U> item, ResultReader<R> result) {
    long id = ids.incrementAndGet();
    OutboundStream<U> out = table.openOutbound(id, item, false, methodId, false);
    CompletableFuture<R> call = connection.call(methodId, withId(id, args), result);
    CompletableFuture<R> answer = new CompletableFuture<>();
    call.whenComplete((v, e) -> {
      if (e != null) {
        out.fail(rpc(e));
        answer.completeExceptionally(rpc(e));
      } else {
        answer.complete(v);
      }
    });
    // An item this end could not send (too large) ends the stream here and fails the call at once.
    out.localFailure().thenAccept(answer::completeExceptionally);
    Pump.start(items, out);
    return answer;
  }

  @Override
  public <U> CompletableFuture<StreamWriter<U>> reverseDirectPipe(int methodId, Consumer<WireOutput> args,
      Codec<U> item) {
    long id = ids.incrementAndGet();
    OutboundStream<U> out = table.openOutbound(id, item, false, methodId, false);
    return connection.call(methodId, withId(id, args), Codecs.VOID::decode).handle((v, e) -> {
      if (e != null) {
        RpcException cause = rpc(e);
        out.fail(cause);
        throw cause;
      }
      return out;
    });
  }

  @Override
  public <S, U> CompletableFuture<StateStream<S, U>> state(int methodId, Consumer<WireOutput> args,
      ResultReader<S> initial, Codec<U> update) {
    long id = ids.incrementAndGet();
    InboundStream<U> in = table.openInbound(id, update, false, methodId, false);
    return connection.call(methodId, withId(id, args), initial).handle((s, e) -> {
      if (e != null) {
        RpcException cause = rpc(e);
        in.callFailed(cause);
        throw cause;
      }
      return new StateStream<>(s, new InboundPublisher<U>(in::attach));
    });
  }
}
