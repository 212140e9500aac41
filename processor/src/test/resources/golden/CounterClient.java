package demo;

import io.rpcparallel.Codecs;
import io.rpcparallel.RpcClient;
import io.rpcparallel.WorkerControl;
import io.rpcparallel.internal.gen.RpcConnection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * A connection to a {@link Counter} worker, as an implementation of {@link Counter}.
 *
 * <p>Each method runs in the worker. Methods returning a {@code CompletableFuture}
 * do not block; one-way methods return once the call is sent; the others wait
 * for the reply. Closing the client closes the connection.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class CounterClient implements Counter, RpcClient {
  private final RpcConnection connection;

  private final CounterAsync async = new Async();

  /**
   * Wraps a connection to a {@link Counter} worker; see {@link CounterRpc#connect}.
   */
  CounterClient(RpcConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public long add(long delta) {
    return connection.callBlocking(CounterRpc.ADD_LONG, out -> out.writeLong(delta),
        in -> in.readLong());
  }

  @Override
  public long add(long delta, int times) {
    return connection.callBlocking(CounterRpc.ADD_LONG_INT, out -> {
      out.writeLong(delta);
      out.writeInt(times);
    }, in -> in.readLong());
  }

  @Override
  public Job submit(Job job, Priority priority) {
    return connection.callBlocking(CounterRpc.SUBMIT, out -> {
      CounterCodecs.JOB.encode(out, job);
      CounterCodecs.PRIORITY.encode(out, priority);
    }, CounterCodecs.JOB::decode);
  }

  @Override
  public CompletableFuture<Stats> stats(Optional<Priority> filter) {
    return connection.call(CounterRpc.STATS,
        out -> CounterCodecs.OPTIONAL_OF_PRIORITY.encode(out, filter), CounterCodecs.STATS::decode);
  }

  @Override
  public CompletableFuture<Void> reset() {
    return connection.call(CounterRpc.RESET, out -> {}, Codecs.VOID::decode);
  }

  @Override
  public void log(String line) {
    connection.oneWay(CounterRpc.LOG, out -> Codecs.STRING.encode(out, line));
  }

  @Override
  public Map<String, List<Long>> histogram(List<Job> jobs, byte[] payload) {
    return connection.callBlocking(CounterRpc.HISTOGRAM, out -> {
      CounterCodecs.LIST_OF_JOB.encode(out, jobs);
      Codecs.BYTES.encode(out, payload);
    }, CounterCodecs.MAP_OF_STRING_TO_LIST_OF_LONG::decode);
  }

  @Override
  public boolean ping(Integer attempt) {
    return connection.callBlocking(CounterRpc.PING, out -> Codecs.INT.encode(out, attempt),
        in -> in.readBoolean());
  }

  @Override
  public void clear() {
    connection.callBlocking(CounterRpc.CLEAR, out -> {}, Codecs.VOID::decode);
  }

  /**
   * The same methods, each returning a {@code CompletableFuture} instead of blocking.
   */
  public CounterAsync async() {
    return async;
  }

  /**
   * The worker's built-ins: its handle ({@code Worker<Counter>}, to pass to other workers), shutdown, close-server, its settings and its log stream.
   */
  @SuppressWarnings("unchecked")
  public WorkerControl<Counter> control() {
    return (WorkerControl<Counter>) connection.control();
  }

  /**
   * Closes the connection; calls in flight fail.
   */
  @Override
  public void close() {
    connection.close();
  }

  private final class Async implements CounterAsync {
    @Override
    public CompletableFuture<Long> add(long delta) {
      return connection.call(CounterRpc.ADD_LONG, out -> out.writeLong(delta), in -> in.readLong());
    }

    @Override
    public CompletableFuture<Long> add(long delta, int times) {
      return connection.call(CounterRpc.ADD_LONG_INT, out -> {
        out.writeLong(delta);
        out.writeInt(times);
      }, in -> in.readLong());
    }

    @Override
    public CompletableFuture<Job> submit(Job job, Priority priority) {
      return connection.call(CounterRpc.SUBMIT, out -> {
        CounterCodecs.JOB.encode(out, job);
        CounterCodecs.PRIORITY.encode(out, priority);
      }, CounterCodecs.JOB::decode);
    }

    @Override
    public CompletableFuture<Stats> stats(Optional<Priority> filter) {
      return connection.call(CounterRpc.STATS,
          out -> CounterCodecs.OPTIONAL_OF_PRIORITY.encode(out, filter),
          CounterCodecs.STATS::decode);
    }

    @Override
    public CompletableFuture<Void> reset() {
      return connection.call(CounterRpc.RESET, out -> {}, Codecs.VOID::decode);
    }

    @Override
    public CompletableFuture<Void> log(String line) {
      connection.oneWay(CounterRpc.LOG, out -> Codecs.STRING.encode(out, line));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Map<String, List<Long>>> histogram(List<Job> jobs, byte[] payload) {
      return connection.call(CounterRpc.HISTOGRAM, out -> {
        CounterCodecs.LIST_OF_JOB.encode(out, jobs);
        Codecs.BYTES.encode(out, payload);
      }, CounterCodecs.MAP_OF_STRING_TO_LIST_OF_LONG::decode);
    }

    @Override
    public CompletableFuture<Boolean> ping(Integer attempt) {
      return connection.call(CounterRpc.PING, out -> Codecs.INT.encode(out, attempt),
          in -> in.readBoolean());
    }

    @Override
    public CompletableFuture<Void> clear() {
      return connection.call(CounterRpc.CLEAR, out -> {}, Codecs.VOID::decode);
    }
  }
}
