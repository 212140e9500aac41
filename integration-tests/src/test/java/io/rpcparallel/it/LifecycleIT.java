package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Foreground;
import io.rpcparallel.Redirect;
import io.rpcparallel.RpcException;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The three shutdown modes, and masters that die. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LifecycleIT {

  @Test
  void connectionClosedModeEndsTheWorkerWhenTheFirstConnectionCloses() throws Exception {
    Foreground<TestWorkerClient> fg = TestWorkerRpc.spawnForeground(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("fg").withStdout(Redirect.pipe()).withStderr(Redirect.pipe()));
    Process p = fg.process();
    assertEquals(p.pid(), fg.client().pid());
    fg.client().printNow("to stdout", "to stderr");
    fg.close();
    assertEquals(0, Await.exit(p), "the worker's exit status after its connection closed");
    // It has ended: its pipes hold all it wrote, and reading them cannot block.
    List<String> out = lines(p.getInputStream().readAllBytes());
    List<String> err = lines(p.getErrorStream().readAllBytes());
    assertTrue(out.contains("to stdout"), out.toString());
    assertTrue(err.contains("to stderr"), err.toString());
    assertTrue(err.contains("initial client connection closed... Shutting down."), err.toString());
  }

  private static List<String> lines(byte[] bytes) throws Exception {
    List<String> result = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8))) {
      String l;
      while ((l = r.readLine()) != null) {
        result.add(l);
      }
    }
    return result;
  }

  @Test
  void connectionClosedModeWithPlainSpawnTakesTheFirstConnectionAsInitial() throws Exception {
    Worker<TestWorker> h = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(0), SpawnOptions.defaults());
    long pid;
    try (TestWorkerClient c = TestWorkerRpc.connect(h)) {
      pid = c.pid();
      try (TestWorkerClient second = TestWorkerRpc.connect(h)) {
        assertEquals(2, second.add(2));
      }
      // Closing a later connection leaves the worker up.
      assertEquals(3, c.add(1));
    }
    Await.exit(pid);
  }

  @Test
  void heartbeatModeWorkerOutlivesItsConnectionsUntilShutdown() throws Exception {
    Worker<TestWorker> h = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(10),
        SpawnOptions.defaults().withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    long pid;
    try (TestWorkerClient c = TestWorkerRpc.connect(h)) {
      pid = c.pid();
      assertEquals(11, c.add(1));
    }
    try (TestWorkerClient c = TestWorkerRpc.connect(h)) {
      // Worker state is shared by all connections, and survived the first one closing.
      assertEquals(12, c.add(1));
    }
    ProcessHandle ph = ProcessHandle.of(pid).orElseThrow();
    assertTrue(ph.isAlive());
    try (TestWorkerClient c = TestWorkerRpc.connect(h)) {
      c.control().shutdown();
    }
    Await.exit(pid);
    assertThrows(RpcException.class, () -> TestWorkerRpc.connect(h));
  }

  @Test
  void explicitModeWorkerEndsOnlyOnShutdown() throws Exception {
    Worker<TestWorker> h = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.defaults().withShutdownOn(ShutdownOn.EXPLICIT));
    long pid;
    try (TestWorkerClient c = TestWorkerRpc.connect(h)) {
      pid = c.pid();
    }
    try (TestWorkerClient c = TestWorkerRpc.connect(h)) {
      assertEquals(1, c.add(1));
      c.control().shutdown();
    }
    Await.exit(pid);
  }

  @Test
  void aMasterKilledWithSigkillLeavesNoWorkerBehindExceptExplicitOnes() throws Exception {
    Map<ShutdownOn, Long> pids = new EnumMap<>(ShutdownOn.class);
    try (JavaProcess master = JavaProcess.start(MasterProgram.class)) {
      for (int i = 0; i < ShutdownOn.values().length; i++) {
        String[] f = master.readUntil("WORKER ").split(" ");
        pids.put(ShutdownOn.valueOf(f[1]), Long.parseLong(f[2]));
      }
      master.readUntil("READY");
      pids.values().forEach(pid -> assertTrue(Procs.isRunning(pid)));
      master.kill(); // SIGKILL: no shutdown hook runs
    }
    try {
      // Both notice the lost lifeline at once; the limit is only there so that a bug fails the test.
      assertTrue(Procs.awaitGone(pids.get(ShutdownOn.CONNECTION_CLOSED), Await.LIMIT),
          "connection-closed worker outlived its master by " + Await.LIMIT);
      assertTrue(Procs.awaitGone(pids.get(ShutdownOn.HEARTBEAT_TIMEOUT), Await.LIMIT),
          "heartbeat worker outlived its master by " + Await.LIMIT);
      assertTrue(Procs.isRunning(pids.get(ShutdownOn.EXPLICIT)), "explicit worker should outlive its master");
    } finally {
      long explicit = pids.get(ShutdownOn.EXPLICIT);
      ProcessHandle.of(explicit).ifPresent(ProcessHandle::destroyForcibly);
      assertTrue(Procs.awaitGone(explicit, Await.LIMIT));
    }
    assertFalse(pids.values().stream().anyMatch(Procs::isRunning));
  }
}
