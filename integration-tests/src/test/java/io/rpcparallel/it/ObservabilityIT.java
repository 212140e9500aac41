package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Foreground;
import io.rpcparallel.InProcessServer;
import io.rpcparallel.RemoteException;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.RpcStatus;
import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.WorkerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code RpcParallel.status()} and the JFR events, against real workers (docs/observability.md). */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ObservabilityIT {
  private static final List<String> EVENTS = List.of("rpcparallel.Call", "rpcparallel.WorkerSpawned",
      "rpcparallel.WorkerDied", "rpcparallel.StreamOpened", "rpcparallel.StreamClosed");

  @Test
  void statusListsSpawnedWorkersWithTheirCallsInFlightAndThenTheirDeath() throws Exception {
    Foreground<TestWorkerClient> a = TestWorkerRpc.spawnForeground(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("status-a"));
    Foreground<TestWorkerClient> b;
    try {
      b = TestWorkerRpc.spawnForeground(TestWorkerImpl.class, TestConfig.of(0),
          SpawnOptions.named("status-b").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    } catch (RuntimeException e) {
      a.close();
      throw e;
    }
    try {
      // Blocks in worker a until a waitForRelease arrives.
      CompletableFuture<Boolean> blocked = a.client().async().release();
      RpcStatus status = RpcParallel.status();
      String table = status.toString();
      WorkerStatus sa = find(status, "status-a");
      WorkerStatus sb = find(status, "status-b");
      Worker<?> ha = a.client().control().worker();
      Worker<?> hb = b.client().control().worker();
      assertEquals(WorkerStatus.State.UP, sa.state(), table);
      assertEquals(a.process().pid(), sa.pid().getAsLong(), table);
      assertEquals(b.process().pid(), sb.pid().getAsLong(), table);
      assertEquals(ha.port(), sa.port(), table);
      assertEquals(hb.port(), sb.port(), table);
      assertEquals(ha.host(), sa.host(), table);
      assertEquals(ha.id(), sa.id(), table);
      assertEquals(Optional.of(WorkerStatus.How.LOCAL), sa.how(), table);
      assertEquals(Optional.of(ShutdownOn.CONNECTION_CLOSED), sa.shutdownOn(), table);
      assertEquals(Optional.of(ShutdownOn.HEARTBEAT_TIMEOUT), sb.shutdownOn(), table);
      assertEquals(TestWorker.class.getCanonicalName(), sa.interfaceName(), table);
      assertEquals(1, sa.connections(), table);
      assertEquals(1, sa.callsInFlight(), table);
      assertEquals(0, sb.callsInFlight(), table);
      assertEquals(0, sa.streamsOpen(), table);
      assertTrue(sa.uptime().orElseThrow().compareTo(Duration.ZERO) > 0, table);
      assertTrue(sa.exitStatus().isEmpty(), table);
      // The table: a heading, a header line, then a line per worker with its values.
      List<String> lines = table.lines().collect(Collectors.toList());
      assertTrue(lines.get(1).startsWith("NAME"), table);
      String lineA = lines.stream().filter(l -> l.startsWith("status-a ")).findFirst().orElseThrow();
      assertTrue(lineA.matches(".*\\bUP\\s+LOCAL\\s+" + java.util.regex.Pattern.quote(ha.host() + ":" + ha.port())
          + "\\s+" + a.process().pid() + "\\s+CONNECTION_CLOSED\\s+1\\s+1\\s+0\\s+\\d+\\.\\ds$"), table);

      a.client().waitForRelease();
      assertTrue(Await.result(blocked));
      assertEquals(0, find(RpcParallel.status(), "status-a").callsInFlight());
      // A second connection counts.
      try (TestWorkerClient again = TestWorkerRpc.connect(b.client().control().worker())) {
        assertEquals(1, again.add(1));
        assertEquals(2, find(RpcParallel.status(), "status-b").connections());
      }
      b.client().control().shutdown();
    } finally {
      a.close();
      b.close();
    }
    int exitA = Await.exit(a.process());
    int exitB = Await.exit(b.process());
    // Listed for a minute after their exit: dead, with their exit status.
    RpcStatus after = RpcParallel.status();
    for (String name : List.of("status-a", "status-b")) {
      WorkerStatus w = find(after, name);
      assertEquals(WorkerStatus.State.DEAD, w.state(), after.toString());
      assertEquals(name.equals("status-a") ? exitA : exitB, w.exitStatus().getAsInt(), after.toString());
      assertEquals(0, w.connections(), after.toString());
      assertEquals(0, w.callsInFlight(), after.toString());
    }
    String deadLine = after.toString().lines().filter(l -> l.startsWith("status-b ")).findFirst().orElseThrow();
    assertTrue(deadLine.matches(".*\\bDEAD\\s+LOCAL\\s.*\\s+HEARTBEAT_TIMEOUT\\s+0\\s+0\\s+0\\s+\\d+\\.\\ds \\(exit "
        + exitB + "\\)$"), after.toString());
  }

  @Test
  void statusListsAWorkerThisProcessOnlyConnectedToWithTheStreamsOpenOnIt() throws Exception {
    try (InProcessServer<StreamWorker> server = StreamWorkerRpc.serve(new StreamWorkerImpl())) {
      Worker<StreamWorker> h = server.worker();
      assertTrue(byId(RpcParallel.status(), h.id()).isEmpty(), "listed before any connection to it");
      try (StreamWorkerClient c = StreamWorkerRpc.connect(h)) {
        RpcStatus status = RpcParallel.status();
        String table = status.toString();
        WorkerStatus s = byId(status, h.id()).orElseThrow(() -> new AssertionError("not listed:\n" + table));
        // This process did not spawn it: what only a spawn knows is unknown.
        assertFalse(s.spawnedHere(), table);
        assertEquals(WorkerStatus.State.UP, s.state(), table);
        assertEquals(OptionalLong.empty(), s.pid(), table);
        assertEquals(Optional.empty(), s.how(), table);
        assertEquals(Optional.empty(), s.shutdownOn(), table);
        assertEquals(Optional.empty(), s.uptime(), table);
        assertEquals(OptionalInt.empty(), s.exitStatus(), table);
        assertEquals(h.name(), s.name(), table);
        assertEquals(StreamWorker.class.getCanonicalName(), s.interfaceName(), table);
        assertEquals(h.host(), s.host(), table);
        assertEquals(h.port(), s.port(), table);
        assertEquals(1, s.connections(), table);
        assertEquals(0, s.callsInFlight(), table);
        assertEquals(0, s.streamsOpen(), table);
        // Its line shows the unknown values as "-".
        String line = table.lines().filter(l -> l.contains(" " + h.id() + " ")).findFirst().orElseThrow();
        assertTrue(line.matches(Pattern.quote(s.name().orElse("-")) + "\\s+"
            + Pattern.quote(h.id()) + "\\s+UP\\s+-\\s+" + Pattern.quote(h.host() + ":" + h.port())
            + "\\s+-\\s+-\\s+1\\s+0\\s+0\\s+-$"), table);

        // A pipe counts while it is open: until it ends, or until its reader cancels it.
        Collector<Long> ending = Collector.lazy();
        c.count(0, 3).subscribe(ending);
        ending.request(1);
        assertEquals(0L, ending.next());
        assertEquals(1, byId(RpcParallel.status(), h.id()).orElseThrow().streamsOpen(), RpcParallel.status().toString());
        Collector<Long> cancelled = Collector.lazy();
        c.count(10, 1_000).subscribe(cancelled);
        cancelled.request(1);
        assertEquals(10L, cancelled.next());
        assertEquals(2, byId(RpcParallel.status(), h.id()).orElseThrow().streamsOpen(), RpcParallel.status().toString());
        ending.request(2);
        assertEquals(List.of(0L, 1L, 2L), ending.awaitAll());
        assertEquals(1, byId(RpcParallel.status(), h.id()).orElseThrow().streamsOpen(), RpcParallel.status().toString());
        cancelled.cancel();
        WorkerStatus done = byId(RpcParallel.status(), h.id()).orElseThrow();
        assertEquals(0, done.streamsOpen(), done.toString());
        assertEquals(1, done.connections(), done.toString());
      }
      // Listed only while a connection to it is open.
      assertTrue(byId(RpcParallel.status(), h.id()).isEmpty(), RpcParallel.status().toString());
    }
  }

  private static Optional<WorkerStatus> byId(RpcStatus status, String id) {
    return status.workers().stream().filter(w -> w.id().equals(id)).findFirst();
  }

  private static WorkerStatus find(RpcStatus status, String name) {
    return status.workers().stream().filter(w -> w.name().equals(Optional.of(name))).findFirst()
        .orElseThrow(() -> new AssertionError("no worker " + name + " in\n" + status));
  }

  @Test
  void aRecordingHoldsTheSpawnTheCallsTheStreamsAndTheDeath() throws Exception {
    Path dir = Path.of("target");
    Files.createDirectories(dir);
    Path file = Files.createTempFile(dir, "observability-", ".jfr");
    try {
      long pid;
      String id;
      String host;
      int port;
      long beforeSpawn = System.nanoTime();
      long afterExit;
      // A stream, not a plain Recording: the worker's death is recorded once its exit is seen here,
      // after the test sees it, and the stream says when that event has come.
      try (RecordingStream recording = new RecordingStream()) {
        for (String e : EVENTS) {
          recording.enable(e).withThreshold(Duration.ZERO);
        }
        CompletableFuture<Void> died = new CompletableFuture<>();
        recording.onEvent("rpcparallel.WorkerDied", e -> died.complete(null));
        recording.startAsync();
        Foreground<StreamWorkerClient> fg = StreamWorkerRpc.spawnForeground(StreamWorkerImpl.class,
            SpawnOptions.named("jfr-0"));
        try (StreamWorkerClient w = fg.client()) {
          Worker<?> h = w.control().worker();
          id = h.id();
          host = h.host();
          port = h.port();
          pid = fg.process().pid();
          Collector<Long> items = Collector.eager();
          w.count(0, 100).subscribe(items);
          Await.result(items.done);
          assertEquals(100, items.items.size());
          assertEquals(List.of(1L, 2L, 3L), w.shard(7, CountingPublisher.longs(1, 3, new AtomicLong())));
          for (int i = 0; i < 3; i++) {
            assertEquals(100, w.produced());
          }
        }
        Await.exit(fg.process());
        Await.result(died);
        afterExit = System.nanoTime();
        recording.dump(file);
      }
      List<RecordedEvent> events = RecordingFile.readAllEvents(file);
      List<RecordedEvent> calls = named(events, "rpcparallel.Call").stream()
          .filter(e -> e.getString("worker").equals("jfr-0")).collect(Collectors.toList());
      List<RecordedEvent> produced = calls.stream().filter(e -> e.getString("method").equals("StreamWorker.produced"))
          .collect(Collectors.toList());
      assertEquals(3, produced.size(), calls.toString());
      for (RecordedEvent c : produced) {
        assertEquals("ok", c.getString("outcome"));
        assertTrue(c.getLong("bytesSent") > 0 && c.getLong("bytesReceived") > 0, c.toString());
        assertFalse(c.getDuration().isNegative(), c.toString());
        assertEquals("rpc-parallel", c.getEventType().getCategoryNames().get(0));
      }

      RecordedEvent spawned = only(named(events, "rpcparallel.WorkerSpawned"), "workerId", id);
      assertEquals("jfr-0", spawned.getString("name"));
      assertEquals("local", spawned.getString("how"));
      assertEquals(host, spawned.getString("host"));
      assertEquals(port, spawned.getInt("port"));
      assertEquals(pid, spawned.getLong("pid"));
      assertEquals("ok", spawned.getString("outcome"));
      assertEquals(StreamWorker.class.getCanonicalName(), spawned.getString("interfaceName"));
      assertTrue(spawned.getDuration().compareTo(Duration.ZERO) > 0, spawned.toString());

      RecordedEvent death = only(named(events, "rpcparallel.WorkerDied"), "workerId", id);
      assertEquals(0, death.getInt("exitStatus"));
      assertEquals("jfr-0", death.getString("name"));
      // From the start of the spawn to the exit: longer than the spawn, within the test's own span.
      Duration uptime = death.getDuration("uptime");
      assertTrue(uptime.compareTo(spawned.getDuration()) > 0, uptime + " vs a spawn of " + spawned.getDuration());
      assertTrue(uptime.compareTo(Duration.ofNanos(afterExit - beforeSpawn)) < 0, uptime.toString());

      List<RecordedEvent> closed = named(events, "rpcparallel.StreamClosed").stream()
          .filter(e -> e.getString("peer").equals("worker jfr-0")).collect(Collectors.toList());
      RecordedEvent in = closed.stream().filter(e -> e.getString("direction").equals("in")).findFirst()
          .orElseThrow(() -> new AssertionError("no stream read from jfr-0 closed: " + closed));
      assertEquals(100, in.getLong("items"));
      assertTrue(in.getLong("bytes") >= 100 * 8, in.toString());
      RecordedEvent out = closed.stream().filter(e -> e.getString("direction").equals("out")).findFirst()
          .orElseThrow(() -> new AssertionError("no stream written to jfr-0 closed: " + closed));
      assertEquals(3, out.getLong("items"));
      // Every item is a Long of the same encoded size, written out or read in.
      assertEquals(0, in.getLong("bytes") % 100, in.toString());
      assertEquals(3 * (in.getLong("bytes") / 100), out.getLong("bytes"), out.toString());
      assertTrue(named(events, "rpcparallel.StreamOpened").stream()
          .filter(e -> e.getString("peer").equals("worker jfr-0")).count() >= 2, events.toString());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void aWorkerRunWithARecordingRecordsTheCallsItServedOverTheThreshold() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "served-");
    Path file = dir.resolve("worker.jfr");
    Path masterFile = dir.resolve("master.jfr");
    try {
      // The recording's own settings: the event's default threshold of 20 ms applies.
      Foreground<TestWorkerClient> fg = TestWorkerRpc.spawnForeground(TestWorkerImpl.class, TestConfig.of(0),
          SpawnOptions.named("served-0").withJvmFlags("-XX:StartFlightRecording=dumponexit=true,filename=" + file));
      // This side records the same calls, also at the default threshold.
      try (TestWorkerClient w = fg.client(); Recording master = new Recording()) {
        master.enable("rpcparallel.Call");
        master.start();
        for (int i = 0; i < 20; i++) {
          assertEquals(i + 1, w.add(1));
        }
        assertEquals(60, w.sleep(60));
        assertEquals(60, w.sleep(60));
        RemoteException late = assertThrows(RemoteException.class, () -> w.failAfter(60, "late"));
        assertTrue(late.getMessage().contains("late"), late.toString());
        // A call's event is committed before its caller sees the outcome.
        master.stop();
        master.dump(masterFile);
      }
      // The worker writes its recording as it exits, after the connection closed.
      assertEquals(0, Await.exit(fg.process()));
      List<RecordedEvent> calls = named(RecordingFile.readAllEvents(masterFile), "rpcparallel.Call");
      for (RecordedEvent e : calls) {
        assertTrue(e.getDuration().compareTo(Duration.ofMillis(20)) >= 0, "under the threshold: " + e);
        assertEquals("served-0", e.getString("worker"), e.toString());
      }
      RecordedEvent failedCall = only(calls, "method", "TestWorker.failAfter");
      assertEquals("RemoteException", failedCall.getString("outcome"));
      assertTrue(failedCall.getDuration().compareTo(Duration.ofMillis(55)) >= 0, failedCall.toString());
      RecordedEvent sleepCall = calls.stream().filter(e -> e.getString("method").equals("TestWorker.sleep"))
          .findFirst().orElseThrow(() -> new AssertionError("no sleep call recorded: " + calls));
      assertEquals("ok", sleepCall.getString("outcome"));
      assertTrue(failedCall.getLong("bytesSent") > 0, failedCall.toString());
      // The error frame it read carries the exception's class, message and stack: larger than a reply.
      assertTrue(failedCall.getLong("bytesReceived") > sleepCall.getLong("bytesReceived"), failedCall.toString());
      List<RecordedEvent> served = named(RecordingFile.readAllEvents(file), "rpcparallel.CallServed");
      for (RecordedEvent e : served) {
        assertTrue(e.getDuration().compareTo(Duration.ofMillis(20)) >= 0, "under the threshold: " + e);
        assertTrue(e.getString("client").matches("127\\.0\\.0\\.1:\\d+"), e.toString());
        assertTrue(e.getLong("bytesReceived") > 0 && e.getLong("bytesSent") > 0, e.toString());
        assertEquals("rpc-parallel", e.getEventType().getCategoryNames().get(0));
      }
      List<RecordedEvent> sleeps = served.stream().filter(e -> e.getString("method").equals("TestWorker.sleep"))
          .collect(Collectors.toList());
      assertEquals(2, sleeps.size(), served.toString());
      for (RecordedEvent e : sleeps) {
        assertEquals("ok", e.getString("outcome"));
        assertTrue(e.getDuration().compareTo(Duration.ofMillis(55)) >= 0, e.toString());
      }
      RecordedEvent failed = only(served, "method", "TestWorker.failAfter");
      assertEquals("IllegalStateException", failed.getString("outcome"));
      // The error frame carries the exception's class, message and stack: larger than a reply.
      assertTrue(failed.getLong("bytesSent") > sleeps.get(0).getLong("bytesSent"), failed.toString());
      assertEquals(sleeps.get(0).getString("client"), failed.getString("client"));
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(masterFile);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void callEventsHaveAThresholdSoThatFastCallsAreNotRecordedByDefault() {
    for (Class<? extends jdk.jfr.Event> c : List.of(io.rpcparallel.internal.RpcEvents.Call.class,
        io.rpcparallel.internal.RpcEvents.CallServed.class)) {
      EventType call = EventType.getEventType(c);
      assertTrue(List.of("rpcparallel.Call", "rpcparallel.CallServed").contains(call.getName()), call.getName());
      String threshold = call.getSettingDescriptors().stream().filter(s -> s.getName().equals("threshold"))
          .map(SettingDescriptor::getDefaultValue).findFirst().orElseThrow();
      assertEquals("20 ms", threshold, call.getName());
    }
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
  }

  private static RecordedEvent only(List<RecordedEvent> events, String field, String value) {
    List<RecordedEvent> matching = events.stream().filter(e -> value.equals(e.getString(field)))
        .collect(Collectors.toList());
    assertEquals(1, matching.size(), matching.toString());
    return matching.get(0);
  }
}
