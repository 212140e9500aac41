package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.LogRecord;
import io.rpcparallel.SpawnOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

/**
 * A worker that logs through plain {@code LoggerFactory} loggers streams what its binding accepts,
 * each record once (a non-additive logger's too), with its name in the MDC, which a call's user
 * code may clear. Each subclass runs in a Surefire execution of its binding (see the pom), whose
 * class path has one SLF4J binding and the bridges.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class BindingLogsTest {
  /** The class name of the binding's SLF4J logger factory. */
  abstract String factory();

  /** Whether the binding streams what is logged through {@code java.util.logging} directly. */
  abstract boolean streamsJul();

  /** Whether the binding reconfigures itself (the bridge's appender must survive it). */
  abstract boolean reconfigures();

  /**
   * The appenders on the binding's root logger and on the non-additive logger, as
   * {@link BindingLogWorker#appenders()} gives them (the configuration in use, and what the worker
   * added to it); null where the binding has no such thing to ask.
   */
  abstract String appenders();

  /** The options the worker is spawned with. */
  SpawnOptions options(String name) {
    return SpawnOptions.named(name).withSpawnTimeout(Duration.ofSeconds(60));
  }

  /** The records of the worker's own loggers that {@code logs} delivers, up to the one saying {@code last}. */
  private static List<LogRecord> upTo(Collector<LogRecord> logs, String last, String name) throws InterruptedException {
    List<LogRecord> mine = new ArrayList<>();
    for (LogRecord r = logs.next(); ; r = logs.next()) {
      assertEquals(Optional.of(name), r.worker(), "every record carries the worker's name: " + r);
      if (r.logger().startsWith(BindingLogWorkerImpl.class.getName())) {
        mine.add(r);
      }
      if (r.message().equals(last)) {
        return mine;
      }
    }
  }

  @Test
  void aWorkerStreamsWhatItsBindingAcceptsOnceWithItsName() throws Exception {
    String name = "binding-logs";
    try (BindingLogWorkerClient w = BindingLogWorkerRpc.spawnAndConnect(BindingLogWorkerImpl.class, options(name))) {
      assertEquals(factory(), w.binding());
      if (appenders() != null) {
        assertEquals(appenders(), w.appenders());
      }
      Collector<LogRecord> logs = Collector.eager();
      w.control().logs().subscribe(logs);

      assertEquals(name, w.info("plain"), "the call thread's MDC");
      w.error("boom");
      w.debug("below the level");
      w.teed("once");
      assertEquals(name, w.onEventLoop("there"), "the event loop's MDC");
      w.alone("there"); // through a logger that is not additive (where the configuration has one)
      w.jul("direct");
      w.info("end"); // logged last, so streamed last: every record before it has arrived with it

      List<LogRecord> mine = upTo(logs, "said end", name);
      List<String> expected = new ArrayList<>(List.of("said plain", "failed: boom", "teed once", "looped there",
          "alone there"));
      if (streamsJul()) {
        expected.add("jul direct");
      }
      expected.add("said end");
      assertEquals(expected, mine.stream().map(LogRecord::message).toList(), "each accepted record once, in order");

      LogRecord plain = mine.get(0);
      assertEquals(Level.INFO, plain.level());
      assertTrue(plain.thread().startsWith("rpc-parallel-call-"), plain.thread());
      assertEquals(Optional.empty(), plain.throwable());
      LogRecord error = mine.get(1);
      assertEquals(Level.ERROR, error.level());
      assertTrue(error.throwable().orElseThrow().startsWith("java.lang.IllegalStateException: boom"),
          error.throwable().toString());
      assertTrue(mine.get(3).thread().startsWith("rpc-parallel-io-"), mine.get(3).thread());

      if (reconfigures()) {
        w.reconfigure();
        assertEquals(appenders(), w.appenders(), "after a reconfiguration");
        w.info("again");
        w.alone("again");
        w.info("last");
        assertEquals(List.of("said again", "alone again", "said last"), upTo(logs, "said last", name).stream()
            .map(LogRecord::message).toList(), "after a reconfiguration, still each record once");
      }

      // User code that clears its thread's MDC: the next call on that pool thread has the name back.
      Set<String> cleared = new HashSet<>();
      boolean again = false;
      for (int i = 0; i < 20 && !again; i++) {
        cleared.add(w.clearMdc());
        String[] threadAndMdc = w.threadAndMdc().split(" ", 2);
        assertEquals(name, threadAndMdc[1], "the MDC of a call after one that cleared it");
        again = cleared.contains(threadAndMdc[0]);
      }
      assertTrue(again, "no call ran on a thread where an earlier one had cleared the MDC: " + cleared);
    }
  }
}
