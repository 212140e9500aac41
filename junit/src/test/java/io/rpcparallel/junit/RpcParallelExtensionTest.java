package io.rpcparallel.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.rpcparallel.ConnectionException;
import io.rpcparallel.InProcessServer;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.server.InProcess;
import io.rpcparallel.internal.transport.ClientConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs test classes that use the extension (the nested {@code *Case} classes, which run only
 * here) with JUnit's test kit, and checks what the extension did: the workers it spawned, when
 * they ended, and the tests it failed for what they left behind.
 */
@RpcWorkerTest
@Timeout(180)
class RpcParallelExtensionTest {
  private static final String IN_TEST_KIT = "rpcparallel.junit.selftest";

  /** Runs a {@code *Case} class only inside {@link #run}. */
  static final class OnlyInTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(IN_TEST_KIT).isPresent()
          ? ConditionEvaluationResult.enabled("run by RpcParallelExtensionTest")
          : ConditionEvaluationResult.disabled("run only by RpcParallelExtensionTest");
    }
  }

  /** Runs {@code testClass} with the extension's default exit timeout. */
  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
        .configurationParameter(IN_TEST_KIT, "true")
        .execute();
  }

  /** Runs {@code testClass} with an exit timeout of {@code exitTimeout} (a leftover worker is waited for that long). */
  private static EngineExecutionResults run(Class<?> testClass, String exitTimeout) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
        .configurationParameter(IN_TEST_KIT, "true")
        .configurationParameter(RpcParallelExtension.EXIT_TIMEOUT, exitTimeout)
        .execute();
  }

  private static Throwable failureOf(Event e) {
    return e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  /** Whether {@code pid} is a running process, waiting up to 10 s for it to end (a kill takes a moment). */
  private static boolean stillRunningAfterAMoment(long pid) throws Exception {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty()) {
      return false;
    }
    try {
      p.get().onExit().get(10, TimeUnit.SECONDS);
      return false;
    } catch (TimeoutException e) {
      return true;
    }
  }

  /** Whether {@code pid} runs on: a worker that has exited may take a moment to be reaped. */
  private static boolean running(long pid) {
    try {
      return stillRunningAfterAMoment(pid);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class LifecycleCase {
    static final List<Long> classPids = new CopyOnWriteArrayList<>();
    static final List<Long> testPids = new CopyOnWriteArrayList<>();
    static final List<Long> parameterPids = new CopyOnWriteArrayList<>();

    @SpawnedWorker(impl = CounterImpl.class, init = "START")
    static Counter perClass;

    @SpawnedWorker(impl = CounterImpl.class, init = "start")
    CounterClient perTest;

    static final long START = 100;

    long start() {
      return 5;
    }

    @Test
    @Order(1)
    void first(@SpawnedWorker(impl = CounterImpl.class, init = "START") CounterClient parameter) {
      classPids.add(perClass.pid());
      testPids.add(perTest.pid());
      parameterPids.add(parameter.pid());
      assertEquals(101, perClass.add(1));
      assertEquals(6, perTest.add(1));
      assertEquals(101, parameter.add(1));
    }

    @Test
    @Order(2)
    void second() {
      classPids.add(perClass.pid());
      testPids.add(perTest.pid());
      assertEquals(102, perClass.add(1));
      assertEquals(6, perTest.add(1));
      // The first test's own workers ended with it.
      assertFalse(running(testPids.get(0)), "the first test's worker is still running");
      assertFalse(running(parameterPids.get(0)), "the first test's parameter worker is still running");
    }
  }

  @Test
  void spawnsAWorkerPerClassPerTestAndPerParameterAndEndsEachWithItsScope() throws Exception {
    LifecycleCase.classPids.clear();
    LifecycleCase.testPids.clear();
    LifecycleCase.parameterPids.clear();
    EngineExecutionResults results = run(LifecycleCase.class);
    results.allEvents().assertStatistics(s -> s.failed(0));
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    List<Long> classPids = LifecycleCase.classPids;
    List<Long> testPids = LifecycleCase.testPids;
    assertEquals(2, classPids.size());
    assertEquals(classPids.get(0), classPids.get(1), "one worker for the class");
    assertNotEquals(testPids.get(0), testPids.get(1), "one worker per test");
    assertNotEquals(classPids.get(0), testPids.get(0));
    // The extension waited for each worker to exit before the test (or class) ended.
    for (long pid : List.of(classPids.get(0), testPids.get(0), testPids.get(1), LifecycleCase.parameterPids.get(0))) {
      assertFalse(running(pid), "worker " + pid + " outlived its scope");
    }
    assertNull(LifecycleCase.perClass);
  }

  private static void assertNull(Object o) {
    assertEquals(null, o, "the extension clears the field once the worker has ended");
  }

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  static class LeavesAConnectionCase {
    static volatile CounterClient leaked;
    static volatile long pid;

    @Test
    void leavesItsClientOpen() {
      leaked = CounterRpc.spawnAndConnect(CounterImpl.class, 1L, SpawnOptions.named("leaky"));
      pid = leaked.pid();
    }
  }

  @Test
  void failsATestThatLeavesAConnectionOpen() throws Exception {
    LeavesAConnectionCase.pid = 0;
    try {
      EngineExecutionResults results = run(LeavesAConnectionCase.class);
      results.testEvents().assertStatistics(s -> s.started(1).failed(1));
      String message = failureOf(results.testEvents().failed().list().get(0)).getMessage();
      assertTrue(message.contains("the test left rpc-parallel resources behind"), message);
      assertTrue(message.contains("a connection to worker leaky ("), message);
      // The extension closed it, and the worker followed.
      LeavesAConnectionCase.leaked.control().closed().get(10, TimeUnit.SECONDS);
      assertFalse(running(LeavesAConnectionCase.pid), "the worker outlived its connection");
    } finally {
      cleanUp(LeavesAConnectionCase.leaked, LeavesAConnectionCase.pid);
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  static class LeavesAWorkerCase {
    static volatile long pid;

    @Test
    void closesItsClientButTheWorkerStays() {
      try (CounterClient c = CounterRpc.spawnAndConnect(CounterImpl.class, 1L,
          SpawnOptions.named("stays").withShutdownOn(ShutdownOn.EXPLICIT))) {
        pid = c.pid();
      }
    }
  }

  @Test
  void failsATestThatLeavesAWorkerRunningAndKillsIt() throws Exception {
    LeavesAWorkerCase.pid = 0;
    try {
      EngineExecutionResults results = run(LeavesAWorkerCase.class, "1");
      results.testEvents().assertStatistics(s -> s.started(1).failed(1));
      String message = failureOf(results.testEvents().failed().list().get(0)).getMessage();
      assertTrue(message.contains("worker process " + LeavesAWorkerCase.pid + " (child-of-"
          + ProcessHandle.current().pid() + "@"), message);
      assertTrue(message.contains(" stays) was still running 1000 ms after the test; killed it"), message);
      assertFalse(running(LeavesAWorkerCase.pid), "the extension did not kill the worker");
    } finally {
      cleanUp(null, LeavesAWorkerCase.pid);
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  static class LeavesALogSubscriptionCase {
    @SpawnedWorker(impl = CounterImpl.class, init = "start")
    static CounterClient shared;

    static long start() {
      return 0;
    }

    @Test
    void subscribesAndForgets() {
      shared.control().logs();
    }
  }

  @Test
  void failsATestThatLeavesALogSubscriptionOnAClassWideClient() {
    EngineExecutionResults results = run(LeavesALogSubscriptionCase.class);
    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    String message = failureOf(results.testEvents().failed().list().get(0)).getMessage();
    assertTrue(message.contains("1 log subscription (control().logs()) on the connection to worker shared ("),
        message);
    assertFalse(message.contains("a connection to worker"), "the class's own client is no leftover: " + message);
    // The subscription ended with the class's client: the class itself passes.
    results.containerEvents().assertStatistics(s -> s.failed(0));
  }

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  static class LeavesAServerCase {
    static volatile InProcessServer<Counter> leaked;

    @Test
    void servesAndForgets() {
      leaked = CounterRpc.serve(new CounterImpl(1L));
      try (CounterClient c = CounterRpc.connect(leaked.worker())) {
        assertEquals(2, c.add(1));
      }
    }
  }

  @Test
  void failsATestThatLeavesAServerOpenAndClosesIt() throws Exception {
    try {
      EngineExecutionResults results = run(LeavesAServerCase.class);
      results.testEvents().assertStatistics(s -> s.started(1).failed(1));
      String message = failureOf(results.testEvents().failed().list().get(0)).getMessage();
      Worker<Counter> w = LeavesAServerCase.leaked.worker();
      assertTrue(message.contains("a server that serve() started for " + Counter.class.getCanonicalName() + " ("
          + w.host() + ":" + w.port() + ") is still open: close it (InProcessServer.close())"), message);
      assertEquals(1, message.lines().count() - 1, "the server is the only leftover: " + message);
      // The extension closed it: it takes no more connections.
      assertEquals(List.of(), InProcess.openNow());
      assertThrows(ConnectionException.class, () -> CounterRpc.connect(w));
    } finally {
      LeavesAServerCase.leaked.close();
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  static class MissingInitCase {
    @SpawnedWorker(impl = CounterImpl.class)
    CounterClient counter;

    @Test
    void neverRuns() {}
  }

  @Test
  void saysWhatADeclarationLacks() {
    EngineExecutionResults results = run(MissingInitCase.class);
    results.testEvents().assertStatistics(s -> s.failed(1));
    String message = failureOf(results.testEvents().failed().list().get(0)).getMessage();
    assertEquals("@SpawnedWorker field MissingInitCase.counter: Counter workers are built from an init argument of"
        + " type java.lang.Long: name a field or method giving it with init = \"...\"", message);
  }

  private static void cleanUp(CounterClient client, long pid) {
    if (client != null) {
      client.close();
    }
    if (pid != 0) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** The extension's own check on this class: nothing above leaves a connection open either. */
  @AfterEach
  void noConnectionIsLeftOpen() {
    assertEquals(List.of(), ClientConnection.openNow());
  }
}
