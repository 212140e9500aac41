package io.rpcparallel.it;

import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Spawns {@code args[0]} workers one after the other, each answering a call, and prints
 * {@code CMD <its command line>} and {@code WORKER <pid>} for each. With {@code args[1]} = {@code await}, after the first worker has
 * exited it waits for the class-data archive that worker wrote to appear in the cache directory {@code args[2]} and
 * prints {@code ARCHIVE <file name>} (a class-data archive, or on JDK 24+ an AOT cache). Ends with {@code DONE}.
 */
public final class CdsProgram {
  private CdsProgram() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    boolean await = args.length > 1 && args[1].equals("await");
    for (int i = 0; i < n; i++) {
      long pid;
      String cmd;
      try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(i),
          SpawnOptions.named("cds-" + i))) {
        pid = c.pid();
        cmd = String.join(" ", c.commandLine());
        if (c.add(1) != i + 1) {
          throw new AssertionError("wrong answer");
        }
      }
      System.out.println("CMD " + cmd);
      System.out.println("WORKER " + pid);
      System.out.flush();
      if (i == 0 && await) {
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        Path cds = Files.createDirectories(Path.of(args[2], "cds"));
        // The archive the first worker was told to write, once checked: <key>-<size>.jsa (or .aot,
        // the AOT cache made from what the worker recorded, on JDK 24+).
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
            "-XX:(?:ArchiveClassesAtExit|AOTConfiguration)=\\S*/([0-9a-f]{32})\\.").matcher(cmd);
        String key = m.find() ? m.group(1) : "none";
        long deadline = System.nanoTime() + Await.LIMIT.toNanos();
        String found = null;
        // The archive is checked and renamed into place by another thread of this program.
        try (WatchService watch = cds.getFileSystem().newWatchService()) {
          cds.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
          found = archiveIn(cds, key);
          while (found == null && System.nanoTime() < deadline) {
            WatchKey event = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null) {
              event.pollEvents();
              event.reset();
            }
            found = archiveIn(cds, key);
          }
        }
        System.out.println("ARCHIVE " + found);
        System.out.flush();
      }
    }
    System.out.println("DONE");
    System.out.flush();
    RpcParallel.shutdown(Duration.ofSeconds(10));
  }

  private static String archiveIn(Path cds, String key) throws java.io.IOException {
    try (Stream<Path> s = Files.list(cds)) {
      return s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(key + "-")
          && (f.endsWith(".jsa") || f.endsWith(".aot")))
          .findFirst().orElse(null);
    }
  }
}
