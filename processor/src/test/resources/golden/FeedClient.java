package demo;

import io.rpcparallel.Codecs;
import io.rpcparallel.RpcClient;
import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.WorkerControl;
import io.rpcparallel.internal.app.Rpc;
import io.rpcparallel.internal.gen.RpcConnection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.annotation.processing.Generated;

/**
 * A connection to a {@link Feed} worker, as an implementation of {@link Feed}.
 *
 * <p>Each method runs in the worker. Methods returning a {@code CompletableFuture}
 * do not block; one-way methods return once the call is sent; the others wait
 * for the reply. Closing the client closes the connection.
 */
@Generated("io.rpcparallel.processor.RpcParallelProcessor")
public final class FeedClient implements Feed, RpcClient {
  private final RpcConnection connection;

  private final FeedAsync async = new Async();

  /**
   * Wraps a connection to a {@link Feed} worker; see {@link FeedRpc#connect}.
   */
  FeedClient(RpcConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public Flow.Publisher<Long> count(long upTo) {
    return connection.streams().pipe(FeedRpc.COUNT, out -> out.writeLong(upTo), Codecs.LONG);
  }

  @Override
  public void ticks(String label, int every, StreamWriter<List<String>> out) {
    Rpc.await(connection.streams().directPipe(FeedRpc.TICKS, out2 -> {
      Codecs.STRING.encode(out2, label);
      out2.writeInt(every);
    }, FeedCodecs.LIST_OF_STRING, out));
  }

  @Override
  public long sum(String label, Flow.Publisher<Long> numbers) {
    return Rpc.await(connection.streams().reversePipe(FeedRpc.SUM,
        out -> Codecs.STRING.encode(out, label), numbers, Codecs.LONG, in -> in.readLong()));
  }

  @Override
  public void drain(Flow.Publisher<Priority> items) {
    Rpc.await(connection.streams().reversePipe(FeedRpc.DRAIN, out -> {},
        items, FeedCodecs.PRIORITY, Codecs.VOID::decode));
  }

  @Override
  public StreamWriter<String> sink(String name) {
    return Rpc.await(connection.streams().reverseDirectPipe(FeedRpc.SINK,
        out -> Codecs.STRING.encode(out, name), Codecs.STRING));
  }

  @Override
  public StateStream<Long, String> watch() {
    return Rpc.await(connection.streams().state(FeedRpc.WATCH, out -> {},
        Codecs.LONG::decode, Codecs.STRING));
  }

  /**
   * The same methods, each returning a {@code CompletableFuture} instead of blocking.
   */
  public FeedAsync async() {
    return async;
  }

  /**
   * The worker's built-ins: its handle ({@code Worker<Feed>}, to pass to other workers), shutdown, close-server, its settings and its log stream.
   */
  @SuppressWarnings("unchecked")
  public WorkerControl<Feed> control() {
    return (WorkerControl<Feed>) connection.control();
  }

  /**
   * Closes the connection; calls in flight fail.
   */
  @Override
  public void close() {
    connection.close();
  }

  private final class Async implements FeedAsync {
    @Override
    public CompletableFuture<Flow.Publisher<Long>> count(long upTo) {
      return CompletableFuture.completedFuture(connection.streams().pipe(FeedRpc.COUNT,
          out -> out.writeLong(upTo), Codecs.LONG));
    }

    @Override
    public CompletableFuture<Void> ticks(String label, int every, StreamWriter<List<String>> out) {
      return connection.streams().directPipe(FeedRpc.TICKS, out2 -> {
        Codecs.STRING.encode(out2, label);
        out2.writeInt(every);
      }, FeedCodecs.LIST_OF_STRING, out);
    }

    @Override
    public CompletableFuture<Long> sum(String label, Flow.Publisher<Long> numbers) {
      return connection.streams().reversePipe(FeedRpc.SUM, out -> Codecs.STRING.encode(out, label),
          numbers, Codecs.LONG, in -> in.readLong());
    }

    @Override
    public CompletableFuture<Void> drain(Flow.Publisher<Priority> items) {
      return connection.streams().reversePipe(FeedRpc.DRAIN, out -> {},
          items, FeedCodecs.PRIORITY, Codecs.VOID::decode);
    }

    @Override
    public CompletableFuture<StreamWriter<String>> sink(String name) {
      return connection.streams().reverseDirectPipe(FeedRpc.SINK,
          out -> Codecs.STRING.encode(out, name), Codecs.STRING);
    }

    @Override
    public CompletableFuture<StateStream<Long, String>> watch() {
      return connection.streams().state(FeedRpc.WATCH, out -> {},
          Codecs.LONG::decode, Codecs.STRING);
    }
  }
}
