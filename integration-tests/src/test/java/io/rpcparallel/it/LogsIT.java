package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.LogRecord;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

/** The log stream every worker answers, against real worker processes. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogsIT {
  private static LogWorkerClient spawn(String name) {
    return LogWorkerRpc.spawnAndConnect(LogWorkerImpl.class, SpawnOptions.named(name)
        .withSpawnTimeout(Duration.ofSeconds(60)));
  }

  @Test
  void twoLogSubscriptionsThenOneCancelled() throws Exception {
    try (LogWorkerClient w = spawn("logs")) {
      w.info("before"); // logged before either subscription: delivered to neither
      Collector<LogRecord> a = Collector.eager();
      w.control().logs().subscribe(a);
      Flow.Publisher<LogRecord> bLogs = w.control().logs();
      w.info("one"); // after both subscribed (b's subscriber comes later: the record waits for it)
      Collector<LogRecord> b = Collector.eager();
      bLogs.subscribe(b);

      LogRecord first = a.next();
      assertEquals("said one", first.message());
      assertEquals(Level.INFO, first.level());
      assertEquals(LogWorkerImpl.class.getName(), first.logger());
      assertEquals("said one", b.next().message());

      a.cancel();
      w.info("two");
      w.error("three");
      assertEquals("said two", b.next().message());
      LogRecord error = b.next();
      assertEquals("failed: three", error.message());
      assertEquals(Level.ERROR, error.level());
      assertTrue(error.throwable().orElseThrow().startsWith("java.lang.IllegalStateException: three"),
          error.throwable().toString());

      // A third subscription, made after the cancel, starts from the records after it.
      Collector<LogRecord> c = Collector.eager();
      w.control().logs().subscribe(c);
      w.info("four");
      assertEquals("said four", c.next().message());
      assertEquals("said four", b.next().message());
      assertEquals(List.of("said one"), a.items.stream().map(LogRecord::message).toList(),
          "the cancelled subscription got nothing after its cancel");
      assertEquals(0, a.completions + b.completions + c.completions);
    }
  }

  @Test
  void aSubscriptionOnAnotherConnectionEndsWithItsConnectionAndLeavesTheOthers() throws Exception {
    Worker<LogWorker> handle = LogWorkerRpc.spawn(LogWorkerImpl.class, SpawnOptions.named("logs-two-connections")
        .withSpawnTimeout(Duration.ofSeconds(60)));
    try (LogWorkerClient w = LogWorkerRpc.connect(handle)) { // the first connection: closing it ends the worker
      Collector<LogRecord> mine = Collector.eager();
      w.control().logs().subscribe(mine);
      Collector<LogRecord> theirs = Collector.eager();
      try (LogWorkerClient other = LogWorkerRpc.connect(handle)) {
        other.control().logs().subscribe(theirs);
        other.info("from the other connection");
        assertEquals("said from the other connection", mine.next().message());
        assertEquals("said from the other connection", theirs.next().message());
      }
      assertTrue((boolean) Await.result(theirs.done.handle((v, e) -> e != null)),
          "a log stream fails when its connection closes");
      w.info("after");
      assertEquals("said after", mine.next().message());
      assertEquals(1, theirs.items.size());
    }
  }
}
