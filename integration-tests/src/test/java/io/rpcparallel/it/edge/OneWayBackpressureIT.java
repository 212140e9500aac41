package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.it.Await;
import io.rpcparallel.it.JavaProcess;
import io.rpcparallel.it.NoLeftoverWorkers;
import io.rpcparallel.it.Procs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A one-way call returns once sent, but to a worker that has stopped reading it waits for room
 * once the socket buffers are full, and fails with the write buffer age limit's
 * {@code ConnectionException} once that passes, the connection closed; nothing is left behind.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OneWayBackpressureIT {
  @Test
  void oneWayCallsToAWorkerThatStoppedReadingBlockThenFailWithinTheWriteBufferAgeLimit() throws Exception {
    List<String> seen;
    try (JavaProcess p = JavaProcess.start(Map.of("RPC_PARALLEL_RPC_SETTINGS",
        "write_buffer_age_limit=1s,max_calls_in_flight=1"), OneWayStallProgram.class)) {
      String oneWay = p.readUntil("ONEWAY ");
      String after = p.readUntil("AFTER ");
      String closed = p.readUntil("CLOSED ");
      long pid = Long.parseLong(p.readUntil("PID ").substring(4));
      seen = p.seen();
      assertEquals(0, p.awaitExit(), String.join("\n", seen));
      assertTrue(Procs.awaitGone(pid, Await.LIMIT));

      Matcher m = Pattern.compile("ONEWAY sent=(\\d+) blockedMs=(\\d+) io\\.rpcparallel\\.ConnectionException: write"
          + " buffer age limit exceeded: worker not-reading has not read what this process"
          + " sent for PT1S \\(write_buffer_age_limit\\); the connection is closed").matcher(oneWay);
      assertTrue(m.matches(), oneWay);
      // Sent until the socket buffers and the high water mark were full (a few MiB), then blocked.
      int sent = Integer.parseInt(m.group(1));
      assertTrue(sent > 10 && sent < 1_000, oneWay);
      long blockedMs = Long.parseLong(m.group(2));
      assertTrue(blockedMs >= 100 && blockedMs < 5_000, "blocked " + blockedMs + " ms: " + oneWay);
      // Later one-way calls on the closed connection fail at once, with the same cause.
      assertTrue(after.matches("AFTER ms=\\d+ io\\.rpcparallel\\.ConnectionException: write buffer age limit"
          + " exceeded: .*"), after);
      assertTrue(Long.parseLong(after.replaceAll("AFTER ms=(\\d+) .*", "$1")) < 1_000, after);
      assertEquals("CLOSED connections=0", closed);
    }
  }
}
