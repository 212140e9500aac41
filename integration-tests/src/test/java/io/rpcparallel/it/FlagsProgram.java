package io.rpcparallel.it;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import java.time.Duration;

/**
 * Spawns one worker and prints what it got from this program's JVM flags: {@code ARG <arg>} for
 * each argument of its command line, {@code JVMARG <arg>} for each of its JVM's input arguments,
 * {@code TOOL <its JAVA_TOOL_OPTIONS>}, {@code JDK <its JDK_JAVA_OPTIONS>}, {@code ERRORFILE <its
 * -XX:ErrorFile>} and {@code PID <pid>}, then {@code DONE}. Arguments: {@code add <flag>} and {@code drop <prefix>}, any number of times,
 * become the spawn options' {@code withJvmFlags} / {@code withoutJvmFlags}.
 */
public final class FlagsProgram {
  private FlagsProgram() {}

  public static void main(String[] args) throws Exception {
    SpawnOptions options = SpawnOptions.named("flags");
    for (int i = 0; i + 1 < args.length; i += 2) {
      options = args[i].equals("add") ? options.withJvmFlags(args[i + 1]) : options.withoutJvmFlags(args[i + 1]);
    }
    try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0), options)) {
      for (String a : c.commandLine()) {
        System.out.println("ARG " + a);
      }
      for (String a : c.jvmArguments()) {
        System.out.println("JVMARG " + a);
      }
      System.out.println("TOOL " + c.env("JAVA_TOOL_OPTIONS"));
      System.out.println("JDK " + c.env("JDK_JAVA_OPTIONS"));
      System.out.println("ERRORFILE " + c.vmOption("ErrorFile"));
      System.out.println("PID " + c.pid());
    }
    System.out.println("DONE");
    System.out.flush();
    RpcParallel.shutdown(Duration.ofSeconds(10));
  }
}
