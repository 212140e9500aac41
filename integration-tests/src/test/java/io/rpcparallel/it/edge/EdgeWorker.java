package io.rpcparallel.it.edge;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.annotations.OneWay;
import io.rpcparallel.annotations.RpcWorker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** A worker for the runtime's failure paths: oversize answers, publishers of every shape, bounded work. */
@RpcWorker
public interface EdgeWorker {
  String echo(String s);

  long pid();

  /** Throws an IllegalStateException whose message has {@code chars} characters. */
  String bigError(int chars);

  /** Completes exceptionally, later, with a message of {@code chars} characters. */
  CompletableFuture<String> bigErrorAsync(int chars);

  /** Throws an IllegalStateException whose message is {@code unit} repeated {@code times} times. */
  String bigErrorOf(int times, String unit);

  /** Pipe: one item, then the publisher fails with a message of {@code chars} characters. */
  Flow.Publisher<String> failingPipe(int chars);

  /** Reverse direct pipe of byte arrays: a sink whose outcome {@link #byteSinkOutcome} tells. */
  StreamWriter<byte[]> byteSink(String key);

  /** How the sink named {@code key} ended: {@code "<n> items"} or its error (waits up to a minute). */
  String byteSinkOutcome(String key);

  /** State call: an initial state of {@code initialBytes} bytes, then one update of {@code updateBytes}. */
  StateStream<byte[], byte[]> bigState(int initialBytes, int updateBytes);

  /** Direct pipe: writes one item of {@code size} bytes, then closes. */
  void bigItemDirect(int size, StreamWriter<byte[]> out);

  /**
   * Pipe: waits for {@link #open} of {@code gate} (if not empty), then returns an endless
   * publisher whose cancel opens {@code cancelled}.
   */
  Flow.Publisher<Long> endless(String gate, String cancelled);

  /**
   * Direct pipe: waits for {@link #open} of {@code gate} (if not empty), then writes until a write
   * throws, which opens {@code cancelled}.
   */
  void endlessDirect(String gate, String cancelled, StreamWriter<Long> out);

  /** Returns {@code bytes} bytes. */
  byte[] bigResult(int bytes);

  /** Direct pipe: writes one item, then fails the stream with a message of {@code chars} characters. */
  void failStream(int chars, StreamWriter<String> out);

  /** Pipe: {@code n} items of {@code size} bytes from a publisher of the given shape. */
  Flow.Publisher<byte[]> bytes(Shape shape, int n, int size);

  /** Reverse pipe: the total size of the items received. */
  long consume(Flow.Publisher<byte[]> in);

  /** Pipe: 0..n-1 from a publisher of the given shape. */
  Flow.Publisher<Long> numbers(Shape shape, int n);

  /** State call: initial {@code n}, then 0..n-1 from a publisher of the given shape. */
  StateStream<Integer, Long> numbersState(Shape shape, int n);

  /** Direct pipe: writes 0..n-1, then closes at once. */
  void numbersDirect(int n, StreamWriter<Long> out);

  /** Reverse pipe: every item received, in order. */
  List<Long> collect(Flow.Publisher<Long> in);

  /** Reverse direct pipe: a sink whose items {@link #collected} returns once the caller closes it. */
  StreamWriter<Long> sink(String key);

  /** What the sink named {@code key} received, once the caller closed it (waits up to a minute). */
  List<Long> collected(String key);

  /** Sleeps, then returns {@code millis}. */
  long sleep(long millis);

  /** Waits until {@link #open} is called with {@code key}; returns true (false after a minute). */
  boolean await(String key);

  /** Lets every {@link #await} of {@code key} return. */
  void open(String key);

  /** One-way: as {@link #await}, holding a worker thread (and so a call slot); {@code payload} is ignored. */
  @OneWay
  void hold(String key, byte[] payload);

  /** The most threads this JVM has had live at once. */
  int peakThreads();

  /** The heap in use after a full collection, in bytes. */
  long heapUsed();
}
