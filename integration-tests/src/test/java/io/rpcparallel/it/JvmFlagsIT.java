package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM flags a worker inherits, from a master program started the way users start theirs: in a
 * directory of its own, with relative paths in its flags, a JMX port, a debugger agent in
 * {@code JAVA_TOOL_OPTIONS}, and flags added and dropped per worker.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(120)
class JvmFlagsIT {
  @TempDir
  Path dir;

  @Test
  void aWorkerGetsAbsolutePathsNoFixedPortsNoRepeatedToolOptionsAndItsOwnFlags() throws Exception {
    int jmx = freePort();
    int jdwp = freePort();
    List<String> flags = List.of("-Xlog:gc:file=logs/gc-%p.log", "-Dmaster.only=1",
        "-Dcom.sun.management.jmxremote.port=" + jmx, "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false");
    Files.createDirectories(dir.resolve("logs"));
    String tool = "-Dtool.mark=1 -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + jdwp;
    List<String> args = new ArrayList<>();
    List<String> worker = new ArrayList<>();
    String toolInWorker = null;
    long pid = 0;
    try (JavaProcess p = JavaProcess.startIn(dir, flags, Map.of("JAVA_TOOL_OPTIONS", tool), FlagsProgram.class,
        "add", "-Dextra.mark=2", "drop", "-Dmaster.only")) {
      while (true) {
        String line = p.readUntil("");
        if (line.startsWith("ARG ")) {
          worker.add(line.substring(4));
        } else if (line.startsWith("TOOL ")) {
          toolInWorker = line.substring(5);
        } else if (line.startsWith("PID ")) {
          pid = Long.parseLong(line.substring(4));
        } else if (line.equals("DONE")) {
          break;
        }
      }
      assertEquals(0, p.awaitExit(), "the worker spawned although the program holds a JMX and a debugger port");
    }
    assertTrue(Procs.awaitGone(pid, Await.LIMIT));
    String cmd = String.join(" ", worker);
    // The worker starts in /: its log file is where the program's flag meant it, beside the program's.
    assertTrue(worker.contains("-Xlog:gc:file=" + dir.toRealPath().resolve("logs/gc-%p.log"))
        || worker.contains("-Xlog:gc:file=" + dir.resolve("logs/gc-%p.log")), cmd);
    assertTrue(Files.exists(dir.resolve("logs/gc-" + pid + ".log")), "the worker's gc log is in the program's logs/");
    assertFalse(cmd.contains("jmxremote.port"), cmd);
    assertFalse(cmd.contains("jdwp"), cmd);
    // JAVA_TOOL_OPTIONS reaches the worker once, through its environment, without the debugger agent.
    assertFalse(cmd.contains("-Dtool.mark=1"), cmd);
    assertEquals("-Dtool.mark=1", toolInWorker);
    assertTrue(worker.contains("-Dextra.mark=2"), cmd);
    assertFalse(cmd.contains("-Dmaster.only"), cmd);
  }

  @Test
  void relativeAgentsAndFilesReachTheWorkerAbsoluteAndEachAgentRunsOnceWhereverItsFlagCameFrom() throws Exception {
    PremainRecorder.writeJar(dir.resolve("lib/agent.jar"));
    Files.createDirectories(dir.resolve("logs"));
    Path marks = dir.resolve("premain.txt");
    String agent = "-javaagent:lib/agent.jar=" + marks + "#";
    List<String> flags = List.of(agent + "flag", "-XX:ErrorFile=logs/hs_err_%p.log");
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", agent + "tool", "JDK_JAVA_OPTIONS", agent + "jdk -Djdk.mark=1");
    List<String> jvmArgs = new ArrayList<>();
    Map<String, String> seen;
    try (JavaProcess p = JavaProcess.startIn(dir, flags, env, FlagsProgram.class)) {
      for (String line = p.readUntil(""); !line.equals("DONE"); line = p.readUntil("")) {
        if (line.startsWith("JVMARG ")) {
          jvmArgs.add(line.substring(7));
        }
      }
      seen = p.keyValues();
      assertEquals(0, p.awaitExit(), "the worker spawned with relative agents in its flags and options variables");
    }
    long pid = Long.parseLong(seen.get("PID"));
    assertTrue(Procs.awaitGone(pid, Await.LIMIT));
    // Each agent's premain ran once in the worker: from the program's flags, and from each variable,
    // which the worker's JVM (or launcher) applied and the program did not copy as well.
    List<String> inWorker = Files.readAllLines(marks).stream().filter(l -> l.endsWith(" " + pid)).sorted().toList();
    assertEquals(List.of("flag " + pid, "jdk " + pid, "tool " + pid), inWorker, String.join(" ", jvmArgs));
    assertEquals(1, jvmArgs.stream().filter("-Djdk.mark=1"::equals).count(), String.join(" ", jvmArgs));
    // The variables reach the worker with their paths absolute: it starts in /.
    String real = dir.toRealPath().toString();
    assertTrue(seen.get("TOOL").equals("-javaagent:" + real + "/lib/agent.jar=" + marks + "#tool")
        || seen.get("TOOL").equals("-javaagent:" + dir + "/lib/agent.jar=" + marks + "#tool"), seen.get("TOOL"));
    assertTrue(seen.get("JDK").endsWith("/lib/agent.jar=" + marks + "#jdk -Djdk.mark=1")
        && seen.get("JDK").startsWith("-javaagent:/"), seen.get("JDK"));
    assertTrue(seen.get("ERRORFILE").equals(real + "/logs/hs_err_%p.log")
        || seen.get("ERRORFILE").equals(dir + "/logs/hs_err_%p.log"), seen.get("ERRORFILE"));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
