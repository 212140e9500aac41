package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a worker process of this JVM running once its workers have had
 * {@link Await#LIMIT} to exit; kills what it finds so that one failure does not cascade.
 */
public final class NoLeftoverWorkers implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    long deadline = System.nanoTime() + Await.LIMIT.toNanos();
    List<ProcessHandle> live = Procs.liveDescendants();
    while (!live.isEmpty() && System.nanoTime() < deadline) {
      try {
        live.get(0).onExit().get(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        break;
      }
      live = Procs.liveDescendants();
    }
    if (!live.isEmpty()) {
      String desc = live.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
          .collect(Collectors.joining("\n"));
      live.forEach(ProcessHandle::destroyForcibly);
      fail("the test left worker processes running:\n" + desc);
    }
  }
}
