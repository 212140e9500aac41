package io.rpcparallel.internal.spawn;

import io.rpcparallel.internal.RunContext;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line that re-runs this program as a worker: this JVM's {@code java} and flags (less
 * a debugger's), worker flags of our own, the class path made absolute, the spawn command's main
 * class and worker args, then {@code child-of-<pid>@<host>} and the worker's name.
 */
final class WorkerCommand {
  private WorkerCommand() {}

  /**
   * The system property that names a worker AppCDS archive: workers load the program's classes from
   * it, and the first worker that finds it missing (or stale) writes it when it exits. Opt-in.
   */
  public static final String CDS_ARCHIVE_PROPERTY = "rpcparallel.cdsArchive";

  /** The JVM flags of a worker AppCDS archive; none before JDK 19, which lacks -XX:+AutoCreateSharedArchive. */
  static List<String> cdsFlags(String archive, int jdkFeature) {
    if (archive == null || archive.isBlank() || jdkFeature < 19) {
      return List.of();
    }
    return List.of("-XX:SharedArchiveFile=" + Path.of(archive).toAbsolutePath(), "-XX:+AutoCreateSharedArchive");
  }

  static final String NETTY_ALLOCATOR_PROPERTY = "io.netty.allocator.type";

  /**
   * Workers default Netty's allocator to unpooled unless the program chose one: rpc-parallel's
   * channels use their own heap allocator, and building Netty's default pooled allocator took
   * about 150 ms of every spawn (measured by benchmarks/run, comparison 4).
   */
  static List<String> allocatorFlags(String chosen) {
    return chosen == null ? List.of("-D" + NETTY_ALLOCATOR_PROPERTY + "=unpooled") : List.of();
  }

  static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

  /**
   * A program without an SLF4J provider has had SLF4J's "No SLF4J providers" warning printed once,
   * in this process: its workers, which share its class path, would print it again each. They are
   * told to keep SLF4J's own warnings to themselves, unless the program chose a verbosity.
   */
  static List<String> slf4jFlags(boolean noProvider, String chosen) {
    return noProvider && chosen == null ? List.of("-D" + SLF4J_VERBOSITY_PROPERTY + "=ERROR") : List.of();
  }

  /** The command that re-runs this program as a worker named {@code name}. */
  static List<String> of(Optional<String> name) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger agent would fight the master for its port.
      if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp") || arg.startsWith("-Xdebug")) {
        continue;
      }
      cmd.add(arg);
    }
    cmd.addAll(cdsFlags(System.getProperty(CDS_ARCHIVE_PROPERTY), Runtime.version().feature()));
    cmd.addAll(allocatorFlags(System.getProperty(NETTY_ALLOCATOR_PROPERTY)));
    cmd.addAll(slf4jFlags(org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory,
        System.getProperty(SLF4J_VERBOSITY_PROPERTY)));
    String cp = System.getProperty("java.class.path", "");
    if (!cp.isEmpty()) {
      List<String> abs = new ArrayList<>();
      for (String entry : cp.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          abs.add(Path.of(entry).toAbsolutePath().toString());
        }
      }
      cmd.add("-cp");
      cmd.add(String.join(File.pathSeparator, abs));
    }
    RunContext.SpawnCommand sc = RunContext.spawnCommand();
    cmd.add(sc.mainClass());
    cmd.addAll(sc.workerArgs());
    cmd.add("child-of-" + ProcessHandle.current().pid() + "@" + RunContext.hostName());
    name.ifPresent(cmd::add);
    return cmd;
  }
}
