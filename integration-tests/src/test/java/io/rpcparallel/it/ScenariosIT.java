package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenarios that need a master of their own: settings, sockets, stalled workers, masters killed mid-spawn. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScenariosIT {

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "counts sockets in /proc/self/net/tcp")
  void socketsAreOnlyWhatEachStepNeeds() throws Exception {
    Map<String, int[]> stages = new HashMap<>();
    Pattern line = Pattern.compile("STAGE (\\S+) listen=(\\d+) connected=(\\d+)");
    List<String> seen;
    try (JavaProcess p = JavaProcess.start(ScenarioProgram.class, "sockets")) {
      for (String stage : List.of("start", "spawned", "connected", "called", "second", "closed-second", "shutdown",
          "served")) {
        Matcher m = line.matcher(p.readUntil("STAGE " + stage + " "));
        assertTrue(m.matches());
        stages.put(stage, new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
      }
      seen = p.seen();
      assertEquals(0, p.awaitExit(), String.join("\n", seen));
    }
    String all = String.join("\n", seen);
    // No listening socket before the first spawn; the master's one server after it.
    assertEquals(0, stages.get("start")[0], all);
    assertEquals(0, stages.get("start")[1], all);
    assertEquals(1, stages.get("spawned")[0], all);
    // The spawn leaves exactly the worker's lifeline to the master (server side) open.
    assertEquals(1, stages.get("spawned")[1], all);
    assertEquals(2, stages.get("connected")[1], all);
    // Calls open nothing.
    assertEquals(2, stages.get("called")[1], all);
    // A second connection costs one more socket.
    assertEquals(3, stages.get("second")[1], all);
    assertEquals(2, stages.get("closed-second")[1], all);
    assertEquals(0, stages.get("shutdown")[1], all);
    assertEquals(1, stages.get("shutdown")[0], all);
    assertEquals(2, stages.get("served")[0], all);
  }

  @Test
  void masterSpawnedAndInProcessWorkersReportTheSameSettingsFieldByField() throws Exception {
    String master;
    String worker;
    String inproc;
    try (JavaProcess p = JavaProcess.start(Map.of("RPC_PARALLEL_RPC_SETTINGS",
        "max_message_size=2097152,handshake_timeout=7s,max_calls_in_flight=64"), ScenarioProgram.class, "settings")) {
      master = p.readUntil("MASTER ").substring(7);
      worker = p.readUntil("WORKER ").substring(7);
      inproc = p.readUntil("INPROC ").substring(7);
      assertEquals(0, p.awaitExit());
    }
    // The variable beats the program, which beats the defaults, field by field.
    assertEquals("RpcSettings[maxMessageSize=2097152, handshakeTimeout=PT7S, heartbeatInterval=PT1S,"
        + " heartbeatTimeout=PT45S, writeBufferAgeLimit=PT2M, maxCallsInFlight=64, maxThreads=4096,"
        + " shutdownGrace=PT10S, listenAddress=, advertiseAddress=, transportSecurity=AUTO,"
        + " allowInsecureRemote=false]", master);
    assertEquals(master, worker);
    assertEquals(master, inproc);
  }

  private static void signal(String sig, long pid) throws Exception {
    Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
    assertEquals(0, Await.exit(k));
  }

  /** Reads the stalled worker's pid, stops it with SIGSTOP, and tells the program to go on. */
  private static long stopWorkerThenGo(JavaProcess p) throws Exception {
    long pid = Long.parseLong(p.readUntil("PID ").substring(4));
    signal("STOP", pid);
    try {
      p.say("GO");
    } catch (RuntimeException e) {
      signal("CONT", pid);
      throw e;
    }
    return pid;
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "stops the worker with SIGSTOP")
  void aStoppedWorkerFailsCallsWithNoHeartbeatsAndExitsOnceResumed() throws Exception {
    // 4 s: long enough that a loaded machine does not miss heartbeats for that long by itself.
    try (JavaProcess p = JavaProcess.start(Map.of("RPC_PARALLEL_RPC_SETTINGS",
        "heartbeat_interval=200ms,heartbeat_timeout=4s"), ScenarioProgram.class, "stall", "call")) {
      long pid = stopWorkerThenGo(p);
      try {
        String result = p.readUntil("ERROR ");
        assertTrue(result.contains("No heartbeats received from worker stalled for PT4S"), result);
      } finally {
        signal("CONT", pid);
      }
      // The master dropped the worker's lifeline too: once resumed, the worker sees it and exits.
      assertTrue(Procs.awaitGone(pid, Await.LIMIT), "stalled worker did not exit");
      p.say("END");
      assertEquals(0, p.awaitExit());
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "stops the worker with SIGSTOP")
  void withALongerHeartbeatTimeoutTheSameStalledCallSucceeds() throws Exception {
    try (JavaProcess p = JavaProcess.start(Map.of("RPC_PARALLEL_RPC_SETTINGS",
        "heartbeat_interval=200ms,heartbeat_timeout=30s"), ScenarioProgram.class, "stall", "call")) {
      long pid = stopWorkerThenGo(p);
      try {
        Procs.pause(Duration.ofSeconds(5)); // longer than the 4 s timeout of the test above
      } finally {
        signal("CONT", pid);
      }
      assertEquals("RESULT 100", p.readUntil("RESULT"));
      p.say("END");
      assertEquals(0, p.awaitExit());
      assertTrue(Procs.awaitGone(pid, Await.LIMIT));
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "stops the worker with SIGSTOP")
  void floodingAStalledWorkerFailsWithTheWriteBufferAgeLimitInsteadOfGrowingMemory() throws Exception {
    try (JavaProcess p = JavaProcess.start(Map.of("RPC_PARALLEL_RPC_SETTINGS",
        "write_buffer_age_limit=2s,heartbeat_timeout=60s"), ScenarioProgram.class, "stall", "flood")) {
      long pid = stopWorkerThenGo(p);
      String result;
      try {
        result = p.readUntil("ERROR ");
      } finally {
        signal("CONT", pid);
      }
      assertTrue(result.contains("write buffer age limit exceeded: worker stalled has not read what this process"
          + " sent for PT2S"), result);
      Matcher m = Pattern.compile("ERROR sent=(\\d+) ").matcher(result);
      assertTrue(m.find(), result);
      // 64 KiB each: what was queued is bounded by socket buffers and the high water mark, far below 100,000 calls.
      assertTrue(Integer.parseInt(m.group(1)) < 1_000, result);
      p.say("END");
      assertEquals(0, p.awaitExit());
      assertTrue(Procs.awaitGone(pid, Await.LIMIT));
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads the workers' command lines and states from /proc")
  void aMasterKilledDuringItsWorkersInitLeavesOnlyTheExplicitOne() throws Exception {
    Map<String, Long> pids = new HashMap<>();
    try (JavaProcess master = JavaProcess.start(MasterProgram.class, "during-init")) {
      master.readUntil("SPAWNING");
      // The children start on the master's threads; nothing tells this JVM when, so look until all three are there.
      long deadline = System.nanoTime() + Await.LIMIT.toNanos();
      while (pids.size() < 3 && System.nanoTime() < deadline) {
        ProcessHandle.of(master.pid()).ifPresent(h -> h.children().forEach(c -> {
          for (String arg : Procs.arguments(c.pid())) {
            if (arg.startsWith("init-")) {
              pids.put(arg, c.pid());
            }
          }
        }));
        Thread.sleep(50);
      }
      assertEquals(3, pids.size(), pids.toString());
      Procs.pause(Duration.ofSeconds(2)); // the scenario: SIGKILL 2 s into a 60 s init
      master.kill();
    }
    try {
      assertTrue(Procs.awaitGone(pids.get("init-connection_closed"), Await.LIMIT));
      assertTrue(Procs.awaitGone(pids.get("init-heartbeat_timeout"), Await.LIMIT));
      assertTrue(Procs.isRunning(pids.get("init-explicit")), "explicit worker should outlive its master");
    } finally {
      ProcessHandle.of(pids.get("init-explicit")).ifPresent(ProcessHandle::destroyForcibly);
      assertTrue(Procs.awaitGone(pids.get("init-explicit"), Await.LIMIT));
    }
  }

  @Test
  void aWorkerThatExitsBeforeRegisteringFailsTheSpawnWithItsStderr() throws Exception {
    try (JavaProcess p = JavaProcess.start(ExpertProgram.class, "run-unrouted")) {
      String line = p.readUntil("SPAWN-ERROR");
      p.awaitExit();
      assertTrue(line.contains("spawn of worker unrouted failed: the worker exited with status 2 before registering"),
          line);
      assertTrue(line.contains("[WORKER unrouted STDERR]: usage: run | tools worker"), line);
      // The message's lines are joined with '|' on the program's one line.
      String javaCommand = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
      assertTrue(line.contains("|the worker's command (on this machine): " + javaCommand + " "), line);
      assertTrue(line.contains(" tools nothing-here "), line);
    }
  }

  @Test
  void spawningInAWorkerBeforeItsInitSaysHowToInitialise() throws Exception {
    try (JavaProcess p = JavaProcess.start(ExpertProgram.class, "run-early")) {
      String line = p.readUntil("EARLY");
      p.awaitExit();
      assertTrue(line.contains("rpc-parallel is not initialised in this worker process"), line);
      assertTrue(line.contains("Call RpcParallel.workerInitBeforeStart()"), line);
    }
  }
}
