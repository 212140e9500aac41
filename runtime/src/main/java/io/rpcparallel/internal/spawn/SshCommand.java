package io.rpcparallel.internal.spawn;

import io.rpcparallel.HowToRun;
import io.rpcparallel.SpawnException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ssh} and {@code scp} (found on {@code PATH}) for one host, with its options and a deadline. */
final class SshCommand {
  private SshCommand() {}

  /** What a command printed, and its exit status. */
  record Result(int status, String out, String err) {}

  /** The {@code ssh} command line that runs {@code script} with {@code sh -c} on the host. */
  static List<String> sshCommand(HowToRun.Ssh ssh, Duration timeout, String script) {
    List<String> cmd = new ArrayList<>();
    cmd.add("ssh");
    cmd.addAll(options(ssh, timeout));
    cmd.add(ssh.host());
    cmd.add("sh -c " + RemoteScript.quote(script));
    return cmd;
  }

  /** The host's options, plus a connect timeout unless the user chose one. */
  static List<String> options(HowToRun.Ssh ssh, Duration timeout) {
    List<String> o = new ArrayList<>(ssh.commandOptions());
    if (o.stream().noneMatch(s -> s.contains("ConnectTimeout"))) {
      o.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, timeout.toSeconds())));
    }
    return o;
  }

  /** Runs {@code script} on the host; fails (naming the host and ssh's own message) if ssh itself fails. */
  static Result run(HowToRun.Ssh ssh, String script, Duration timeout, String what) {
    Result r = exec(sshCommand(ssh, timeout, script), timeout, what + " on " + ssh.host());
    if (r.status() == 255) {
      throw new SpawnException(what + " on " + ssh.host() + " failed: ssh could not run it: " + r.err().strip());
    }
    return r;
  }

  /** Runs a local command to its end, within {@code timeout}, and returns what it printed. */
  static Result exec(List<String> command, Duration timeout, String what) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new SpawnException(what + " failed: could not run " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread t1 = drain(p.getInputStream(), out);
      Thread t2 = drain(p.getErrorStream(), err);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new SpawnException(what + " failed: " + command.get(0) + " did not finish within " + timeout);
      }
      t1.join(2_000);
      t2.join(2_000);
      return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SpawnException(what + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SpawnException(what + " was interrupted");
    }
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
    Thread t = new Thread(() -> {
      try (in) {
        in.transferTo(sink);
      } catch (IOException e) {
        // the process is gone
      }
    }, "rpc-parallel-ssh-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
