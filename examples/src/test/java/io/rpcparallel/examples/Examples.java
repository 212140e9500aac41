package io.rpcparallel.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an example program as a user would: a new JVM on this class path, through its main class. */
public final class Examples {
  private Examples() {}

  /**
   * What a run printed.
   *
   * @param status its exit status
   * @param out its stdout
   * @param err its stderr
   */
  public record Run(int status, String out, String err) {
    /** {@return the stdout's lines} */
    public List<String> lines() {
      return out.lines().toList();
    }

    @Override
    public String toString() {
      return "exit status " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
  }

  /**
   * Runs {@code main} with {@code args} and waits for it to end (killing it and its children after
   * a minute). Its output goes to files in {@code dir}, not pipes: reading a pipe cannot be given a
   * deadline.
   *
   * @param dir where the output files go
   * @param main the class whose {@code main} runs (usually a generated {@code …RpcParallelMain})
   * @param args its arguments
   * @return what it printed, and its exit status
   * @throws Exception if it cannot be started or does not end in time
   */
  public static Run run(Path dir, Class<?> main, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, main.getSimpleName(), ".out");
    Path err = Files.createTempFile(dir, main.getSimpleName(), ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
      throw new AssertionError(main.getName() + " did not end within 60 s; stdout:\n" + Files.readString(out)
          + "\nstderr:\n" + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
