package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.it.JavaProcess;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Answers and stream items too large for a frame end with clear errors on the caller, and the
 * worker keeps serving: an error is truncated (and says so), a result fails its call with
 * {@code MessageTooLargeException} naming the method, and a stream item too large ends its stream
 * on both sides naming the item's size and the limit, whatever the publisher's shape. The same
 * for every path: errors of multi-byte characters or hundreds of times the limit, streams failed
 * with an oversize error by either end (publishers and direct writers), oversize items written
 * directly in either direction, and a state call's initial state and updates.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OversizeIT {
  private static final String LIMIT = "65536";

  @Test
  void everyOversizeAnswerIsAClearErrorAndTheWorkerServesOn() throws Exception {
    Map<String, String> results = new LinkedHashMap<>();
    List<String> lines;
    try (JavaProcess p = JavaProcess.start(Map.of("RPC_PARALLEL_RPC_SETTINGS", "max_message_size=" + LIMIT),
        OversizeProgram.class)) {
      p.readUntil("DONE");
      assertEquals(0, p.awaitExit(), "the program failed; it printed " + p.seen());
      lines = p.seen();
    }
    for (String line : lines) {
      if (line.startsWith("RESULT ")) {
        String[] parts = line.substring(7).split(" ", 2);
        results.put(parts[0], parts[1]);
      }
    }
    assertTrue(lines.stream().filter(l -> l.startsWith("ALIVE")).allMatch("ALIVE true"::equals),
        "the worker stopped serving: " + lines);

    for (String c : List.of("error", "error-async")) {
      String r = results.get(c);
      assertTrue(r.startsWith("io.rpcparallel.RemoteException: java.lang.IllegalStateException: "), c + ": " + r);
      assertTrue(r.contains("[truncated: the message had 200000 characters, more than fits in the max message size of "
          + LIMIT + " bytes]"), c + ": " + r);
    }
    assertTrue(results.get("argument").matches("io\\.rpcparallel\\.MessageTooLargeException: .* does not fit in the"
        + " max message size of " + LIMIT + " bytes.*"), results.get("argument"));
    assertTrue(results.get("result").matches("io\\.rpcparallel\\.MessageTooLargeException: the result of "
        + "EdgeWorker\\.bigResult is 2000\\d\\d bytes, more than the max message size of " + LIMIT + " bytes.*"),
        results.get("result"));
    assertTrue(results.get("stream-fail").startsWith("io.rpcparallel.RemoteException: java.lang.IllegalStateException: "),
        results.get("stream-fail"));
    assertTrue(results.get("stream-fail").contains("[truncated"), results.get("stream-fail"));
    String remoteTruncated = "io\\.rpcparallel\\.RemoteException: (io\\.rpcparallel\\.RemoteException: )?"
        + "java\\.lang\\.IllegalStateException: .*\\[truncated: the message had %d characters, more than fits in the"
        + " max message size of " + LIMIT + " bytes\\].*";
    for (String[] c : new String[][] {{"error-multibyte", "200000"}, {"error-huge", "20000000"},
        {"stream-fail-publisher", "200000"}, {"stream-fail-from-caller", "200000"}}) {
      String r = results.get(c[0]);
      assertTrue(r != null && r.matches(String.format(remoteTruncated, Integer.parseInt(c[1]))), c[0] + ": " + r);
    }
    String direct = results.get("stream-fail-from-caller-direct");
    assertTrue(direct != null && direct.startsWith("returned ") && direct.substring(9).matches(
        String.format(remoteTruncated, 200000)), "stream-fail-from-caller-direct: " + direct);
    String tooLargeItem = "io\\.rpcparallel\\.MessageTooLargeException: a stream item of 2000\\d\\d"
        + " bytes is larger than the max message size of " + LIMIT + " bytes.*";
    String callerDirect = results.get("item-from-caller-direct");
    assertTrue(callerDirect != null && callerDirect.matches("returned writer threw " + tooLargeItem)
        && callerDirect.endsWith("the worker's sink ended with io.rpcparallel.MessageTooLargeException"),
        "item-from-caller-direct: " + callerDirect);
    String workerDirect = results.get("item-from-worker-direct");
    assertTrue(workerDirect != null && workerDirect.matches("returned the stream ended with "
        + "io\\.rpcparallel\\.MessageTooLargeException; call threw " + tooLargeItem),
        "item-from-worker-direct: " + workerDirect);
    assertTrue(results.get("state-initial").matches("io\\.rpcparallel\\.MessageTooLargeException: the result of "
        + "EdgeWorker\\.bigState is 2000\\d\\d bytes, more than the max message size of " + LIMIT + " bytes.*"),
        results.get("state-initial"));
    assertTrue(results.get("state-update").matches(tooLargeItem), results.get("state-update"));
    for (Shape shape : new Shape[] {Shape.IN_REQUEST, Shape.OWN_THREAD, Shape.HOT}) {
      for (String c : List.of("item-from-worker-" + shape, "item-from-caller-" + shape)) {
        String r = results.get(c);
        assertTrue(r != null && r.matches("io\\.rpcparallel\\.MessageTooLargeException: a stream item of 2000\\d\\d"
            + " bytes is larger than the max message size of " + LIMIT + " bytes.*"), c + ": " + r);
      }
    }
  }
}
