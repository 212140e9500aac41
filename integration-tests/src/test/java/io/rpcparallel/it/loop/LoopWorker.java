package io.rpcparallel.it.loop;

import io.rpcparallel.annotations.OnEventLoop;
import io.rpcparallel.annotations.OneWay;
import io.rpcparallel.annotations.RpcWorker;
import java.util.concurrent.CompletableFuture;

/** A worker whose methods run on its event loop ({@code @OnEventLoop}) or on its call pool. */
@RpcWorker
public interface LoopWorker {
  /** The name of the thread it ran on, then {@code tag}: on the event loop. */
  @OnEventLoop
  String threadOnLoop(long tag);

  /** The same on the call pool (the default). */
  String threadOnPool(long tag);

  /** {@code a * 31 + b}, on the event loop. */
  @OnEventLoop
  long mix(long a, long b);

  /** Throws IllegalStateException("refused " + n), on the event loop. */
  @OnEventLoop
  long refuse(long n);

  /** Adds {@code n} to a total, on the event loop; no answer. */
  @OneWay
  @OnEventLoop
  void add(long n);

  /** The total {@link #add} built, on the event loop. */
  @OnEventLoop
  long total();

  /** Runs on the event loop; its future completes on another thread with the thread it ran on. */
  @OnEventLoop
  CompletableFuture<String> later(long tag);
}
