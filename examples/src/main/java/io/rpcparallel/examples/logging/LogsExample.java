package io.rpcparallel.examples.logging;

import io.rpcparallel.LogRecord;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.annotations.RpcParallelApp;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A worker's log stream: the master subscribes, then sees every record the worker logs. */
@RpcParallelApp
public final class LogsExample {
  private LogsExample() {}

  public static void main(String[] args) throws InterruptedException {
    BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
    Flow.Subscriber<LogRecord> subscriber = new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(LogRecord record) { records.add(record); }
      @Override public void onError(Throwable error) {}
      @Override public void onComplete() {}
    };
    try (ChattyClient client = ChattyRpc.spawnAndConnect(ChattyImpl.class, SpawnOptions.named("chatty"))) {
      // snippet:subscribe
      client.control().logs().subscribe(subscriber);   // records logged by the worker from now on
      // end-snippet
      client.work("the first task");
      LogRecord record = records.poll(30, TimeUnit.SECONDS);
      System.out.println(record.level() + " " + record.message() + " (worker " + record.worker().orElse("?")
          + ", logger " + record.logger() + ")");
    }
  }
}
