package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.RemoteException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.WorkerDiedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calls against real worker processes: results, exceptions, concurrency, parallel spawns. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallsIT {

  @Test
  void callReturnsResultAndWorkerStateIsBuiltFromInitArg() throws Exception {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, new TestConfig(100, "hello", 0),
        SpawnOptions.named("calls-1"))) {
      assertEquals(103, w.add(3));
      assertEquals(110, w.add(7));
      assertEquals("hello", w.label());
      assertEquals("héllo wörld ✓", w.echo("héllo wörld ✓"));
      assertNull(w.echo(null));
      assertNotEquals(ProcessHandle.current().pid(), w.pid());
      assertEquals(49L, Await.result(w.square(7)));
      assertEquals(144L, Await.result(w.async().square(12)));
      assertEquals(5L, Await.result(w.async().add(-105)));
    }
  }

  @Test
  void workerCommandLineCarriesParentMarkerAndName() {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("named-worker"))) {
      List<String> args = w.commandLine();
      String marker = "child-of-" + ProcessHandle.current().pid() + "@";
      assertTrue(args.stream().anyMatch(a -> a.startsWith(marker)), "no " + marker + " in " + args);
      assertTrue(args.contains("named-worker"), "no name in " + args);
      assertTrue(args.contains("--rpc-parallel-worker"), "no worker args in " + args);
    }
  }

  @Test
  void wireTypesRoundTrip() {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.defaults())) {
      Map<String, Long> weights = new LinkedHashMap<>();
      weights.put("b", 2L);
      weights.put("a", null);
      List<Integer> values = Arrays.asList(1, null, 3);
      Summary s = w.summarize(values, weights, Optional.of("lbl"), Color.BLUE, new byte[] {1, 2, 3, 4});
      assertEquals(new Summary(3, 4, Optional.of("lbl"), Color.BLUE, weights, values, 4,
          new Summary.Inner("lbl", 4.0 / 3, true)), s);
      assertEquals(List.of("b", "a"), new ArrayList<>(s.weights().keySet()));
      Summary empty = w.summarize(List.of(), Map.of(), Optional.empty(), null, null);
      assertEquals(new Summary(0, 0, Optional.empty(), null, Map.of(), List.of(), -1,
          new Summary.Inner("none", 0, null)), empty);
      byte[] big = new byte[3 << 20];
      big[big.length - 1] = 7;
      assertEquals(big.length, w.summarize(List.of(), Map.of(), Optional.empty(), Color.RED, big).rawLength());
    }
  }

  @Test
  void exceptionComesBackWithClassMessageAndRemoteStackAndWorkerLivesOn() throws Exception {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("thrower"))) {
      RemoteException e = assertThrows(RemoteException.class, () -> w.fail("boom 42"));
      assertEquals("java.lang.IllegalStateException", e.remoteClass());
      assertEquals("boom 42", e.remoteMessage());
      assertEquals("thrower", e.worker());
      assertTrue(e.getMessage().contains("boom 42"));
      assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f ->
              f.getClassName().equals(TestWorkerImpl.class.getName()) && f.getMethodName().equals("fail")),
          "remote stack lacks TestWorkerImpl.fail: " + Arrays.toString(e.getStackTrace()));
      CompletableFuture<Void> f = w.async().fail("async boom");
      Throwable cause = Await.failure(f);
      assertTrue(cause instanceof RemoteException re && "async boom".equals(re.remoteMessage()), cause.toString());
      assertEquals(1, w.add(1));
    }
  }

  @Test
  void aWorkerThatDiesFailsEveryCallInFlightWithWorkerDied() throws Exception {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("doomed"))) {
      List<CompletableFuture<Long>> sleeping = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        sleeping.add(w.async().sleep(600_000));
      }
      WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> w.die(3));
      assertTrue(e.getMessage().contains("worker doomed died with exit status 3"), e.getMessage());
      assertEquals(3, e.exitCode().orElseThrow());
      for (CompletableFuture<Long> f : sleeping) {
        Throwable cause = Await.failure(f);
        assertTrue(cause instanceof WorkerDiedException, String.valueOf(cause));
      }
      assertThrows(WorkerDiedException.class, () -> w.add(1));
    }
  }

  @Test
  void thousandConcurrentCallsOnOneConnection() throws Exception {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.defaults())) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 1; i <= 1000; i++) {
        futures.add(w.async().square(i));
      }
      for (int i = 1; i <= 1000; i++) {
        assertEquals((long) i * i, Await.result(futures.get(i - 1)));
      }
      // Blocking calls from many threads share the connection too.
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<Long>> adds = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          adds.add(pool.submit(() -> w.add(1)));
        }
        Set<Long> seen = new HashSet<>();
        for (Future<Long> f : adds) {
          seen.add(Await.result(f));
        }
        assertEquals(1000, seen.size());
        assertEquals(1001, w.add(1));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void eightWorkersSpawnedInParallel() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<TestWorkerClient> clients = new ArrayList<>();
    try {
      List<Future<TestWorkerClient>> spawns = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        spawns.add(pool.submit(() -> TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class,
            new TestConfig(n * 1000, "w" + n, 0), SpawnOptions.named("par-" + n).withSpawnTimeout(
                java.time.Duration.ofSeconds(60)))));
      }
      for (Future<TestWorkerClient> f : spawns) {
        clients.add(f.get(90, TimeUnit.SECONDS));
      }
      Set<Long> pids = new HashSet<>();
      for (int i = 0; i < 8; i++) {
        assertEquals(i * 1000L + 1, clients.get(i).add(1));
        assertEquals("w" + i, clients.get(i).label());
        pids.add(clients.get(i).pid());
      }
      assertEquals(8, pids.size());
    } finally {
      clients.forEach(TestWorkerClient::close);
      pool.shutdownNow();
    }
  }

  @Test
  void oneWayReturnsBeforeTheWorkerRunsIt() {
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.defaults())) {
      // If one-way calls waited for the worker, this would never return: the worker blocks until release().
      w.waitForRelease();
      assertTrue(w.release());
      assertEquals(5, w.add(5));
    }
  }
}
