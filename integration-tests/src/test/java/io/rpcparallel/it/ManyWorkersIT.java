package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.SpawnOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One master, many workers: the master's own threads do not grow with its workers (one thread
 * copies every worker's output), and every worker's stderr still arrives line by line, whole, up
 * to what it wrote just before it ended.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ManyWorkersIT {
  private static final int WORKERS = 12;

  /** This JVM's threads that rpc-parallel started: every one is named {@code rpc-parallel-…}. */
  private static List<String> ourThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("rpc-parallel")).sorted().collect(Collectors.toList());
  }

  /** A line longer than a pipe's buffer and the pump's reads, so that it reaches this process in pieces. */
  private static String longLine(int worker) {
    return "worker " + worker + " says " + ("0123456789abcdef".repeat(1280)) + " end of worker " + worker;
  }

  @Test
  void twelveWorkersAddNoThreadsToTheMasterAndEveryStderrLineArrivesWhole() throws Exception {
    try (StderrCapture capture = new StderrCapture()) {
      List<TestWorkerClient> clients = new ArrayList<>();
      List<Long> pids = new ArrayList<>();
      try {
        List<String> withTwo = List.of();
        for (int i = 0; i < WORKERS; i++) {
          TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
              SpawnOptions.named("many-" + i));
          clients.add(c);
          pids.add(c.pid());
          if (i == 1) {
            withTwo = ourThreads();
          }
        }
        List<String> withTwelve = ourThreads();
        // Ten more workers, and at most a pool thread or two more (a callback that ran meanwhile).
        assertTrue(withTwelve.size() <= withTwo.size() + 2,
            "threads with 2 workers: " + withTwo + "\nwith " + WORKERS + ": " + withTwelve);
        assertTrue(withTwelve.stream().noneMatch(n -> n.contains("many-")), "a thread per worker: " + withTwelve);
        assertTrue(withTwelve.stream().filter(n -> n.startsWith("rpc-parallel-output")).count() <= 1, "" + withTwelve);

        for (int i = 0; i < WORKERS; i++) {
          clients.get(i).printNow("", longLine(i));
        }
        // Each writes a long line, then a last one without a newline, and ends at once.
        for (int i = 0; i < WORKERS; i++) {
          clients.get(i).printAndDie(longLine(i), "last words of worker " + i, 3);
        }
        for (long pid : pids) {
          Await.exit(pid);
        }
        for (int i = 0; i < WORKERS; i++) {
          capture.await("[WORKER many-" + i + " STDERR]: last words of worker " + i);
        }
      } finally {
        clients.forEach(TestWorkerClient::close);
      }
      String text = capture.text();
      for (int i = 0; i < WORKERS; i++) {
        String prefix = "[WORKER many-" + i + " STDERR]: ";
        String line = prefix + longLine(i);
        List<String> lines = text.lines().filter(l -> l.contains(prefix)).toList();
        assertEquals(2, lines.stream().filter(line::equals).count(),
            "worker " + i + "'s long lines, whole, before and just before its end; its lines:\n" + lines.stream()
                .map(l -> l.length() > 200 ? l.substring(0, 200) + "… (" + l.length() + " chars)" : l)
                .collect(Collectors.joining("\n")));
        assertTrue(lines.contains(prefix + "last words of worker " + i), "its last line, without a newline");
      }
    }
  }
}
