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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
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

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  static class ConnectArgMistakesCase {
    static final long START = 0;

    @Test
    void missing(@SpawnedWorker(impl = AccountImpl.class, init = "START") Account account) {}

    @Test
    void needless(@SpawnedWorker(impl = CounterImpl.class, init = "START", connectArg = "START") Counter counter) {}

    @Test
    void ofTheWrongType(@SpawnedWorker(impl = AccountImpl.class, init = "START", connectArg = "START")
        Account account) {}
  }

  @Test
  void saysWhatAConnectArgumentDeclarationLacksOrHasTooMuch() {
    EngineExecutionResults results = run(ConnectArgMistakesCase.class);
    results.testEvents().assertStatistics(s -> s.started(3).failed(3));
    for (Event e : results.testEvents().failed().list()) {
      String test = e.getTestDescriptor().getDisplayName();
      String message = messages(failureOf(e));
      String expected = test.startsWith("missing") ? ": Account connections are built from a connect argument of type"
          + " java.lang.String: name a field or method giving it with connectArg = \"...\""
          : test.startsWith("needless") ? ": the interface declares no such argument (@RpcWorker(connectArg = ...)):"
              + " remove connectArg = \"START\""
          : ": connectArg = \"START\" (ConnectArgMistakesCase.START) is a java.lang.Long, not a java.lang.String";
      assertTrue(message.contains("@SpawnedWorker parameter ") && message.contains(expected), test + ": " + message);
    }
  }

  /** The messages of {@code t} and its causes, one a line. */
  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ClassWideParametersCase {
    static final long START = 100;
    static final List<Long> pids = new CopyOnWriteArrayList<>();
    static final List<Long> totals = new CopyOnWriteArrayList<>();
    static volatile Counter fromBeforeAll;

    // Workers that outlive their connection: the extension must ask them to shut down.
    static SpawnOptions heartbeat() {
      return SpawnOptions.named("beating").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT);
    }

    static SpawnOptions explicit() {
      return SpawnOptions.named("explicit").withShutdownOn(ShutdownOn.EXPLICIT);
    }

    @BeforeAll
    static void setUp(@SpawnedWorker(impl = CounterImpl.class, init = "START", options = "heartbeat") Counter counter) {
      fromBeforeAll = counter;
      pids.add(counter.pid());
    }

    @Test
    @Order(1)
    void first() {
      totals.add(fromBeforeAll.add(1));
    }

    @Test
    @Order(2)
    void second() {
      totals.add(fromBeforeAll.add(1));
    }

    @AfterAll
    static void tearDown(@SpawnedWorker(impl = CounterImpl.class, init = "START", options = "explicit")
        CounterClient counter) {
      pids.add(counter.pid());
      totals.add(fromBeforeAll.add(1));
      totals.add(counter.add(1));
      counter.close(); // the extension still ends the worker, over a connection of its own
    }
  }

  @Test
  void aBeforeAllOrAfterAllParameterGetsAWorkerThatEndsWithTheClassEvenOneThatOutlivesItsClient()
      throws Exception {
    ClassWideParametersCase.pids.clear();
    ClassWideParametersCase.totals.clear();
    try {
      // Closing their clients alone would leave these workers running as long as this JVM: the
      // class would then fail for them once the exit timeout is over, and the extension kill them.
      EngineExecutionResults results = run(ClassWideParametersCase.class, "20");
      assertEquals(List.of(), results.allEvents().failed().list().stream().map(e -> messages(failureOf(e))).toList());
      results.testEvents().assertStatistics(s -> s.succeeded(2));
      // The @BeforeAll worker served every test and the @AfterAll method: one worker for the class.
      assertEquals(List.of(101L, 102L, 103L, 101L), ClassWideParametersCase.totals);
      List<Long> pids = ClassWideParametersCase.pids;
      assertEquals(2, pids.size());
      assertNotEquals(pids.get(0), pids.get(1));
      for (long pid : pids) {
        assertFalse(running(pid), "worker " + pid + " outlived the class");
      }
      assertTrue(((CounterClient) ClassWideParametersCase.fromBeforeAll).control().closed().isDone(),
          "the client handed to @BeforeAll is closed");
    } finally {
      for (long pid : ClassWideParametersCase.pids) {
        cleanUp(null, pid);
      }
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  @RpcWorkerTest
  static class NestedCase {
    static final long START = 0;
    static final List<Long> outerClassPids = new CopyOnWriteArrayList<>();
    static final List<Long> outerTestPids = new CopyOnWriteArrayList<>();
    static final List<Long> innerClassPids = new CopyOnWriteArrayList<>();
    static final List<Object> seen = new CopyOnWriteArrayList<>();
    static volatile Boolean innerClassWorkerEndedFirst;

    @SpawnedWorker(impl = CounterImpl.class, init = "START")
    static Counter outerClass;

    @SpawnedWorker(impl = AccountImpl.class, init = "START", connectArg = "user")
    AccountClient outerTest;

    /** An instance member of the enclosing class: read from the enclosing instance. */
    String user() {
      return "alice";
    }

    @AfterAll
    static void outerClassEnds() {
      // The nested class's own worker ended with the nested class; the outer class's is still up.
      innerClassWorkerEndedFirst = !running(innerClassPids.get(0));
      seen.add(outerClass.add(1));
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Inner {
      @SpawnedWorker(impl = CounterImpl.class, init = "innerStart")
      static Counter innerClass;

      static long innerStart() {
        return 50;
      }

      @Test
      @Order(1)
      void first() {
        see();
      }

      @Test
      @Order(2)
      void second() {
        see();
      }

      private void see() {
        outerClassPids.add(outerClass.pid());
        outerTestPids.add(outerTest.pid());
        innerClassPids.add(innerClass.pid());
        seen.add(outerClass.add(1));
        seen.add(innerClass.add(1));
        seen.add(outerTest.user());
      }
    }
  }

  @Test
  void aNestedClassSeesItsOuterClassesWorkersAndEndsItsOwnFirst() {
    NestedCase.outerClassPids.clear();
    NestedCase.outerTestPids.clear();
    NestedCase.innerClassPids.clear();
    NestedCase.seen.clear();
    NestedCase.innerClassWorkerEndedFirst = null;
    EngineExecutionResults results = run(NestedCase.class);
    assertEquals(List.of(), results.allEvents().failed().list().stream().map(e -> messages(failureOf(e))).toList());
    results.testEvents().assertStatistics(s -> s.succeeded(2));
    // Per nested test: the outer class's worker (shared by all), the nested class's (shared by
    // its tests), the outer instance's field (new for each test, its connection state built from
    // the connect argument).
    assertEquals(List.of(1L, 51L, "alice", 2L, 52L, "alice", 3L), NestedCase.seen);
    assertEquals(NestedCase.outerClassPids.get(0), NestedCase.outerClassPids.get(1));
    assertEquals(NestedCase.innerClassPids.get(0), NestedCase.innerClassPids.get(1));
    assertNotEquals(NestedCase.outerTestPids.get(0), NestedCase.outerTestPids.get(1));
    assertNotEquals(NestedCase.outerClassPids.get(0), NestedCase.innerClassPids.get(0));
    assertEquals(Boolean.TRUE, NestedCase.innerClassWorkerEndedFirst, "the nested class's worker outlived it");
    List<Long> all = new ArrayList<>(NestedCase.outerClassPids);
    all.addAll(NestedCase.outerTestPids);
    all.addAll(NestedCase.innerClassPids);
    for (long pid : all) {
      assertFalse(running(pid), "worker " + pid + " outlived its scope");
    }
    assertNull(NestedCase.outerClass);
    assertNull(NestedCase.Inner.innerClass);
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
