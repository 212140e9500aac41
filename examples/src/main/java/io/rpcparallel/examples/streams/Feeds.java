package io.rpcparallel.examples.streams;

import io.rpcparallel.StateStream;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.annotations.OneWay;
import io.rpcparallel.annotations.RpcWorker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** A worker with one method of each streaming kind, and a one-way call. */
// snippet:feeds
@RpcWorker
public interface Feeds {
  Flow.Publisher<Long> countTo(long n);                 // pipe: worker -> caller
  void countDown(long from, StreamWriter<Long> out);    // direct pipe: the worker writes
  long sum(Flow.Publisher<Long> numbers);               // reverse pipe: caller -> worker
  StreamWriter<String> collect();                       // reverse direct pipe: the caller writes
  CompletableFuture<List<String>> collected();          // what collect() received, once it ended
  StateStream<Long, Long> clock(int ticks);             // state call: a value, then its updates
  @OneWay void note(String line);                       // one-way: returns once sent
  List<String> notes(int count);                        // the notes, once there are count of them
}
// end-snippet
