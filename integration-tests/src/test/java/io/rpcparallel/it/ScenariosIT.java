package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenarios that need a master of their own: settings, sockets, stalled workers, masters killed mid-spawn. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScenariosIT {

  private static Process start(Map<String, String> env, Class<?> main, String... args) throws IOException {
    return JavaProcess.start(env, main, args);
  }

  @Test
  void socketsAreOnlyWhatEachStepNeeds() throws Exception {
    Process p = start(Map.of(), ScenarioProgram.class, "sockets");
    BufferedReader out = JavaProcess.stdout(p);
    Map<String, int[]> stages = new HashMap<>();
    Pattern line = Pattern.compile("STAGE (\\S+) listen=(\\d+) connected=(\\d+)");
    List<String> seen = new ArrayList<>();
    for (String stage : List.of("start", "spawned", "connected", "called", "second", "closed-second", "shutdown",
        "served")) {
      Matcher m = line.matcher(JavaProcess.readUntil(out, "STAGE " + stage + " ", seen));
      assertTrue(m.matches());
      stages.put(stage, new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join("\n", seen));
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
    Process p = start(Map.of("RPC_PARALLEL_RPC_SETTINGS", "max_message_size=2097152,handshake_timeout=7s,max_calls_in_flight=64"),
        ScenarioProgram.class, "settings");
    BufferedReader out = JavaProcess.stdout(p);
    List<String> seen = new ArrayList<>();
    String master = JavaProcess.readUntil(out, "MASTER ", seen).substring(7);
    String worker = JavaProcess.readUntil(out, "WORKER ", seen).substring(7);
    String inproc = JavaProcess.readUntil(out, "INPROC ", seen).substring(7);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    // The variable beats the program, which beats the defaults, field by field.
    assertEquals("RpcSettings[maxMessageSize=2097152, handshakeTimeout=PT7S, heartbeatInterval=PT1S,"
        + " heartbeatTimeout=PT45S, writeBufferAgeLimit=PT2M, maxCallsInFlight=64, maxThreads=4096,"
        + " shutdownGrace=PT10S]", master);
    assertEquals(master, worker);
    assertEquals(master, inproc);
  }

  private static void signal(String sig, long pid) throws Exception {
    Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
    assertTrue(k.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, k.exitValue());
  }

  private static void say(Process p, String line) throws IOException {
    OutputStream in = p.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Reads the stalled worker's pid, stops it with SIGSTOP, and tells the program to go on. */
  private static long stopWorkerThenGo(Process p, BufferedReader out, List<String> seen) throws Exception {
    long pid = Long.parseLong(JavaProcess.readUntil(out, "PID ", seen).substring(4));
    signal("STOP", pid);
    try {
      say(p, "GO");
    } catch (IOException e) {
      signal("CONT", pid);
      throw e;
    }
    return pid;
  }

  @Test
  void aStoppedWorkerFailsCallsWithNoHeartbeatsAndExitsOnceResumed() throws Exception {
    Process p = start(Map.of("RPC_PARALLEL_RPC_SETTINGS", "heartbeat_interval=200ms,heartbeat_timeout=2s"),
        ScenarioProgram.class, "stall", "call");
    BufferedReader out = JavaProcess.stdout(p);
    List<String> seen = new ArrayList<>();
    long pid = stopWorkerThenGo(p, out, seen);
    try {
      String result = JavaProcess.readUntil(out, "ERROR ", seen);
      assertTrue(result.contains("No heartbeats received from worker stalled for PT2S"), result);
    } finally {
      signal("CONT", pid);
    }
    // The master dropped the worker's lifeline too: once resumed, the worker sees it and exits.
    assertTrue(Procs.awaitGone(pid, Duration.ofSeconds(10)), "stalled worker did not exit");
    say(p, "END");
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
  }

  @Test
  void withALongerHeartbeatTimeoutTheSameStalledCallSucceeds() throws Exception {
    Process p = start(Map.of("RPC_PARALLEL_RPC_SETTINGS", "heartbeat_interval=200ms,heartbeat_timeout=30s"),
        ScenarioProgram.class, "stall", "call");
    BufferedReader out = JavaProcess.stdout(p);
    List<String> seen = new ArrayList<>();
    long pid = stopWorkerThenGo(p, out, seen);
    try {
      Procs.pause(Duration.ofSeconds(3)); // longer than the 2 s timeout of the test above
    } finally {
      signal("CONT", pid);
    }
    assertEquals("RESULT 100", JavaProcess.readUntil(out, "RESULT", seen));
    say(p, "END");
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(Procs.awaitGone(pid, Duration.ofSeconds(10)));
  }

  @Test
  void floodingAStalledWorkerFailsWithTheWriteBufferAgeLimitInsteadOfGrowingMemory() throws Exception {
    Process p = start(Map.of("RPC_PARALLEL_RPC_SETTINGS", "write_buffer_age_limit=2s,heartbeat_timeout=60s"),
        ScenarioProgram.class, "stall", "flood");
    BufferedReader out = JavaProcess.stdout(p);
    List<String> seen = new ArrayList<>();
    long pid = stopWorkerThenGo(p, out, seen);
    String result;
    try {
      result = JavaProcess.readUntil(out, "ERROR ", seen);
    } finally {
      signal("CONT", pid);
    }
    assertTrue(result.contains("write buffer age limit exceeded: worker stalled has not read what this process"
        + " sent for PT2S"), result);
    Matcher m = Pattern.compile("ERROR sent=(\\d+) ").matcher(result);
    assertTrue(m.find(), result);
    // 64 KiB each: what was queued is bounded by socket buffers and the high water mark, far below 100,000 calls.
    assertTrue(Integer.parseInt(m.group(1)) < 1_000, result);
    say(p, "END");
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(Procs.awaitGone(pid, Duration.ofSeconds(15)));
  }

  @Test
  void aMasterKilledDuringItsWorkersInitLeavesOnlyTheExplicitOne() throws Exception {
    Process master = start(Map.of(), MasterProgram.class, "during-init");
    Map<String, Long> pids = new HashMap<>();
    try {
      JavaProcess.readUntil(JavaProcess.stdout(master), "SPAWNING", new ArrayList<>());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (pids.size() < 3 && System.nanoTime() < deadline) {
        master.toHandle().children().forEach(c -> c.info().arguments().ifPresent(a -> {
          for (String arg : a) {
            if (arg.startsWith("init-")) {
              pids.put(arg, c.pid());
            }
          }
        }));
        Thread.sleep(50);
      }
      assertEquals(3, pids.size(), pids.toString());
      Procs.pause(Duration.ofSeconds(2)); // the scenario: SIGKILL 2 s into a 60 s init
    } finally {
      master.destroyForcibly();
      master.waitFor();
    }
    try {
      assertTrue(Procs.awaitGone(pids.get("init-connection_closed"), Duration.ofSeconds(5)));
      assertTrue(Procs.awaitGone(pids.get("init-heartbeat_timeout"), Duration.ofSeconds(5)));
      assertTrue(Procs.isRunning(pids.get("init-explicit")), "explicit worker should outlive its master");
    } finally {
      ProcessHandle.of(pids.get("init-explicit")).ifPresent(ProcessHandle::destroyForcibly);
      assertTrue(Procs.awaitGone(pids.get("init-explicit"), Duration.ofSeconds(10)));
    }
  }

  @Test
  void aWorkerThatExitsBeforeRegisteringFailsTheSpawnWithItsStderr() throws Exception {
    Process p = start(Map.of(), ExpertProgram.class, "run-unrouted");
    String line = JavaProcess.readUntil(JavaProcess.stdout(p), "SPAWN-ERROR", new ArrayList<>());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(line.contains("spawn of worker unrouted failed: the worker exited with status 2 before registering"),
        line);
    assertTrue(line.contains("[WORKER unrouted STDERR]: usage: run | tools worker"), line);
  }

  @Test
  void spawningInAWorkerBeforeItsInitSaysHowToInitialise() throws Exception {
    Process p = start(Map.of(), ExpertProgram.class, "run-early");
    String line = JavaProcess.readUntil(JavaProcess.stdout(p), "EARLY", new ArrayList<>());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(line.contains("rpc-parallel is not initialised in this worker process"), line);
    assertTrue(line.contains("Call RpcParallel.workerInitBeforeStart()"), line);
  }
}
