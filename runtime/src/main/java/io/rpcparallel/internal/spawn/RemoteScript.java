package io.rpcparallel.internal.spawn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The POSIX {@code sh} script that starts a worker on another machine, given to {@code sh -c}
 * over ssh or by {@code srun}. It says it launched (with its pid, and Slurm's job and step),
 * checks what must be checked there (the staged class path's hashes, the working directory, the
 * {@code java} command), reports a failed check as one {@code rpc-parallel-error} line, and then
 * execs the worker with its environment. The script is plain ASCII whatever the values hold:
 * a value with other bytes is rebuilt there with {@code printf} octal escapes, so environment
 * values, paths and arguments arrive byte for byte through the login shell, {@code sh} and
 * every command line.
 */
final class RemoteScript {
  /** Exit statuses of the script's own failed checks. */
  static final int JAVA_MISSING = 95;
  static final int CD_MISSING = 96;
  static final int MISMATCH = 97;

  private final StringBuilder vars = new StringBuilder();
  private final List<String> lines = new ArrayList<>();
  private int varCount;

  /**
   * The script for one worker.
   *
   * @param launch the worker to start
   * @param where how messages name the host ({@code 127.0.0.2}, {@code the Slurm node})
   * @param launchedFields extra {@code key=%s} fields of the launch line's printf format
   * @param launchedArgs the shell words that fill them
   * @param staged the staged class path to check and use, or null to use this machine's paths
   * @param host the host name in the mismatch message (ssh)
   * @param java the {@code java} command chosen by the user, or null for the default
   */
  static String build(Launch launch, String where, String launchedFields, String launchedArgs, StagedCopy staged,
      String host, String java) {
    RemoteScript s = new RemoteScript();
    return s.script(launch, where, launchedFields, launchedArgs, staged, host, java);
  }

  private String script(Launch launch, String where, String launchedFields, String launchedArgs, StagedCopy staged,
      String host, String java) {
    String classPath;
    if (staged != null) {
      // Relative paths (the cd, redirects) are relative to the remote home.
      line("cd \"${HOME:-/}\" 2>/dev/null; S=$PWD");
      line("D=" + lit(staged.absoluteDir()));
      line("cd \"$D\" 2>/dev/null || { printf '" + RemoteProcess.ERROR
          + "The remote executable %s:%s does not match the local executable\\n' " + lit(host)
          + " \"$D\" >&2; exit " + MISMATCH + "; }");
      line("command -v sha256sum >/dev/null 2>&1 || { printf '" + RemoteProcess.ERROR
          + "cannot check the staged class path on %s: sha256sum is not on the PATH there (GNU coreutils)\\n' "
          + lit(host) + " >&2; exit " + MISMATCH + "; }");
      StringBuilder sums = new StringBuilder("printf '%s\\n'");
      List<String> cp = new ArrayList<>();
      for (StagedCopy.Entry e : staged.entries()) {
        sums.append(" '").append(e.sha256()).append("  ").append(e.name()).append('\'');
        cp.add("$D/" + e.name());
      }
      line("bad=$(" + sums + " | sha256sum -c --quiet 2>/dev/null) || { bad=$(printf '%s\\n' \"$bad\" | sed -n"
          + " '1s/: FAILED.*//p'); printf '" + RemoteProcess.ERROR
          + "The remote executable %s:%s/%s does not match the local executable\\n' " + lit(host)
          + " \"$D\" \"$bad\" >&2; exit " + MISMATCH + "; }");
      classPath = "\"" + String.join(":", cp) + "\"";
      // Back where the login started: a relative cd is relative to it, not to the staging directory.
      line("cd \"$S\" || exit " + CD_MISSING);
    } else {
      classPath = launch.parts().sharedClassPath().isEmpty() ? null
          : lit(String.join(":", launch.parts().sharedClassPath()));
    }
    String cd = launch.cd().toString();
    line("cd " + lit(cd) + " 2>/dev/null || { printf '" + RemoteProcess.ERROR
        + "cannot start the worker on %s: its working directory %s does not exist there\\n' " + lit(where) + " "
        + lit(cd) + " >&2; exit " + CD_MISSING + "; }");
    if (java != null) {
      line("J=" + lit(java));
      line("command -v \"$J\" >/dev/null 2>&1 || { printf '" + RemoteProcess.ERROR
          + "no java on %s: tried %s\\n' " + lit(where) + " \"$J\" >&2; exit " + JAVA_MISSING + "; }");
    } else {
      line("J=" + lit(launch.parts().java()));
      line("if [ ! -x \"$J\" ]; then J2=$(command -v java 2>/dev/null) || { printf '" + RemoteProcess.ERROR
          + "no java on %s: tried %s and java on the PATH (%s)\\n' " + lit(where) + " \"$J\" \"$PATH\" >&2; exit "
          + JAVA_MISSING + "; }; J=$J2; fi");
    }
    if ("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
      // A login without a locale would make the worker's JVM read its environment and arguments as
      // ASCII; this JVM reads them as UTF-8, and so must the worker.
      line("if [ -z \"${LC_ALL:-}${LC_CTYPE:-}${LANG:-}\" ]; then LC_CTYPE=C.UTF-8; export LC_CTYPE; fi");
    }
    List<String> exec = new ArrayList<>();
    exec.add("exec");
    exec.add("env");
    for (Map.Entry<String, String> e : new TreeMap<>(launch.env()).entrySet()) {
      exec.add(lit(e.getKey() + "=" + e.getValue()));
    }
    for (String w : launch.wrap()) {
      exec.add(lit(w));
    }
    exec.add("\"$J\"");
    for (String f : launch.parts().jvmFlags()) {
      exec.add(lit(f));
    }
    if (classPath != null) {
      exec.add("-cp");
      exec.add(classPath);
    }
    for (String a : launch.parts().mainAndArgs()) {
      exec.add(lit(a));
    }
    line("printf '" + RemoteProcess.EXEC + "\\n' >&2");
    line(String.join(" ", exec));
    return "printf '" + RemoteProcess.LAUNCHED + "pid=%s" + launchedFields + "\\n' \"$$\"" + launchedArgs + " >&2\n" + vars
        + String.join("\n", lines) + "\n";
  }

  private void line(String l) {
    lines.add(l);
  }

  /** {@code s} as one shell word; bytes outside printable ASCII come from a variable set with printf. */
  String lit(String s) {
    if (!s.isEmpty() && s.chars().allMatch(RemoteScript::plain)) {
      return s;
    }
    if (s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return quote(s);
    }
    String v = "_v" + varCount++;
    StringBuilder fmt = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\' && c != '%') {
        fmt.append((char) c);
      } else {
        fmt.append('\\').append(String.format("%03o", c));
      }
    }
    // The x keeps trailing newlines, which command substitution would drop.
    vars.append(v).append("=$(printf '").append(fmt).append("x'); ").append(v).append("=${").append(v)
        .append("%x}\n");
    return "\"$" + v + "\"";
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_./:=@+,-".indexOf(c) >= 0;
  }

  /** {@code s} in single quotes for a POSIX shell. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
