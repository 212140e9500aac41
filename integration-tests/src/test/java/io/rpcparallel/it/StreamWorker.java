package io.rpcparallel.it;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.annotations.RpcWorker;
import java.util.List;
import java.util.concurrent.Flow;

/** A worker with every kind of stream. */
@RpcWorker
public interface StreamWorker {
  /** Pipe: {@code n} numbers from {@code from}, made only as they are requested. */
  Flow.Publisher<Long> count(long from, long n);

  /** How many numbers {@link #count} has made so far. */
  long produced();

  /** Pipe relayed from another worker: connects to {@code peer} and returns its {@code count(0, n)}. */
  Flow.Publisher<Long> relay(Peer peer, long n);

  /** Direct pipe: keeps {@code out}; each {@link #ping} writes a pong to it. */
  void pongs(StreamWriter<String> out);

  /** Writes {@code "pong " + s} to the kept writer; false if the write failed (the stream is closed). */
  boolean ping(String s);

  /** Waits up to {@code millis} for the kept writer's {@code closed()}; says whether it fired. */
  boolean pongsClosed(long millis);

  /** Reverse pipe: every item received, in order. */
  List<Long> shard(int shard, Flow.Publisher<Long> items);

  /** Reverse direct pipe: a sink that takes items one by one, blocking on the {@code blockAt}th until released. */
  StreamWriter<Long> slowSink(int blockAt);

  /** How many items the slow sink has taken. */
  long sinkTaken();

  /** Waits up to {@code millis} for the slow sink to block on its item; returns whether it did. */
  boolean sinkBlocked(long millis);

  /** Lets the slow sink go on. */
  void releaseSink();

  /**
   * Direct pipe: writes {@code count} items of {@code size} bytes to {@code out} from a thread of
   * its own (the call returns at once), then closes it.
   */
  void chunks(int size, int count, StreamWriter<byte[]> out);

  /** How many items {@link #chunks} has written so far (each counted once its write returned). */
  long chunksWritten();

  /**
   * Waits up to {@code millis} for the {@link #chunks} writer to wait for credit (or to end);
   * returns whether it did.
   */
  boolean chunksWriterWaiting(long millis);

  /** State call: {@code initial}, then updates "u0".."u{n-1}". */
  StateStream<Long, String> watch(long initial, int updates);

  /** Ends the process at once with this status. */
  void die(int status);

  long pid();

  /**
   * Spawns a child {@code StreamWorker} that does the same with {@code depth - 1}, and returns
   * this worker's parent marker ({@code child-of-<pid>@<host>}) and pid, then the child's, and so on.
   */
  List<String> chain(int depth);
}
