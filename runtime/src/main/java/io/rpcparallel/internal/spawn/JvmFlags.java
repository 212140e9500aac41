package io.rpcparallel.internal.spawn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags a worker inherits from this program: what the program was started with, less what
 * would break or repeat in a worker, with relative paths made absolute (workers start in another
 * directory, {@code /} by default).
 *
 * <ul>
 *   <li>Flags that came from {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS} are not copied:
 *       a local worker inherits the variable, and its JVM applies it again (an agent's
 *       {@code premain} would run twice).
 *   <li>Flags that bind a fixed port are dropped: a debugger agent ({@code jdwp}) and JMX's
 *       {@code com.sun.management.jmxremote.port} / {@code .rmi.port}; the worker would die binding
 *       the port the program holds.
 *   <li>The launcher's {@code -Djdk.module.main} is dropped: a worker of a program run from the
 *       module path is started with {@code -m} of its own (see {@link WorkerCommand}).
 *   <li>Paths in {@code -javaagent:}, {@code -agentpath:}, {@code -Xbootclasspath/a:},
 *       {@code --module-path=}, {@code --upgrade-module-path=},
 *       {@code -Xloggc:}, {@code -Xlog:…:file=}, {@code -XX:…File=} / {@code …Path=} and the
 *       {@code filename=} / {@code repository=} of JFR's options are made absolute against this
 *       program's working directory. {@code -D} values are left as they are: only the program
 *       knows which of them are paths.
 * </ul>
 */
final class JvmFlags {
  private JvmFlags() {}

  /** {@code -XX:} options whose value is a path although their name does not end in File or Path. */
  private static final List<String> PATH_OPTIONS = List.of("AOTCache", "AOTCacheOutput", "AOTConfiguration",
      "ArchiveClassesAtExit", "DumpLoadedClassList");

  /**
   * The flags to give a worker.
   *
   * @param inputArguments this JVM's input arguments (those of the environment variables first)
   * @param javaToolOptions the {@code JAVA_TOOL_OPTIONS} this JVM saw, or null
   * @param jdkJavaOptions the {@code JDK_JAVA_OPTIONS} this JVM saw, or null
   * @param cwd this program's working directory
   */
  static List<String> forWorker(List<String> inputArguments, String javaToolOptions, String jdkJavaOptions,
      Path cwd) {
    Map<String, Integer> fromEnv = new HashMap<>();
    for (String f : tokens(javaToolOptions)) {
      fromEnv.merge(f, 1, Integer::sum);
    }
    for (String f : tokens(jdkJavaOptions)) {
      fromEnv.merge(f, 1, Integer::sum);
    }
    List<String> out = new ArrayList<>();
    for (String arg : inputArguments) {
      Integer n = fromEnv.get(arg);
      if (n != null && n > 0) {
        fromEnv.put(arg, n - 1);
        continue;
      }
      // The launcher's note of the main module (java -m): the worker's own -m says it again.
      if (bindsFixedPort(arg) || arg.startsWith("-Djdk.module.main=")) {
        continue;
      }
      out.add(absolute(arg, cwd));
    }
    return out;
  }

  /** The variables the JVM reads flags from. */
  static final List<String> OPTIONS_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  /**
   * The options variables of {@code env} that hold a flag binding a fixed port, with those flags
   * taken out (the worker gets them in its environment instead of the program's); the others are
   * left out of the result.
   */
  static Map<String, String> withoutFixedPorts(Map<String, String> env) {
    Map<String, String> out = new HashMap<>();
    for (String var : OPTIONS_VARIABLES) {
      List<String> flags = tokens(env.get(var));
      if (flags.stream().anyMatch(JvmFlags::bindsFixedPort)) {
        StringBuilder kept = new StringBuilder();
        for (String f : flags) {
          if (!bindsFixedPort(f)) {
            kept.append(kept.length() == 0 ? "" : " ").append(quoted(f));
          }
        }
        out.put(var, kept.toString());
      }
    }
    return out;
  }

  private static String quoted(String flag) {
    return flag.chars().anyMatch(Character::isWhitespace) || flag.contains("'") || flag.isEmpty()
        ? "\"" + flag + "\"" : flag;
  }

  /** Whether a flag makes the JVM listen on a port of its own choosing (a second JVM cannot). */
  static boolean bindsFixedPort(String arg) {
    return arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp") || arg.startsWith("-Xdebug")
        || arg.startsWith("-Dcom.sun.management.jmxremote.port=")
        || arg.startsWith("-Dcom.sun.management.jmxremote.rmi.port=");
  }

  /** The flags of an options variable, split as the JVM does: on whitespace, with quotes grouping. */
  static List<String> tokens(String options) {
    List<String> out = new ArrayList<>();
    if (options == null) {
      return out;
    }
    StringBuilder cur = new StringBuilder();
    boolean any = false;
    char quote = 0;
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
      }
    }
    if (any || cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /** The flag with the paths it names made absolute against {@code cwd}. */
  static String absolute(String arg, Path cwd) {
    if (arg.startsWith("-javaagent:") || arg.startsWith("-agentpath:")) {
      int colon = arg.indexOf(':');
      String rest = arg.substring(colon + 1);
      int eq = rest.indexOf('=');
      String path = eq < 0 ? rest : rest.substring(0, eq);
      return arg.substring(0, colon + 1) + abs(path, cwd) + (eq < 0 ? "" : rest.substring(eq));
    }
    for (String prefix : List.of("-Xbootclasspath/a:", "-Xbootclasspath/p:", "-Xbootclasspath:", "--module-path=",
        "--upgrade-module-path=")) {
      if (arg.startsWith(prefix)) {
        List<String> entries = new ArrayList<>();
        for (String e : arg.substring(prefix.length()).split(java.io.File.pathSeparator, -1)) {
          entries.add(abs(e, cwd));
        }
        return prefix + String.join(java.io.File.pathSeparator, entries);
      }
    }
    if (arg.startsWith("-Xloggc:")) {
      return "-Xloggc:" + abs(arg.substring("-Xloggc:".length()), cwd);
    }
    if (arg.startsWith("-Xlog:")) {
      return xlog(arg, cwd);
    }
    if (arg.startsWith("-XX:StartFlightRecording") || arg.startsWith("-XX:FlightRecorderOptions")) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        return arg;
      }
      List<String> opts = new ArrayList<>();
      for (String o : arg.substring(eq + 1).split(",", -1)) {
        if (o.startsWith("filename=") || o.startsWith("repository=")) {
          int e = o.indexOf('=');
          o = o.substring(0, e + 1) + abs(o.substring(e + 1), cwd);
        }
        opts.add(o);
      }
      return arg.substring(0, eq + 1) + String.join(",", opts);
    }
    if (arg.startsWith("-XX:") && !arg.startsWith("-XX:+") && !arg.startsWith("-XX:-")) {
      int eq = arg.indexOf('=');
      if (eq > 0) {
        String name = arg.substring("-XX:".length(), eq);
        if (name.endsWith("File") || name.endsWith("Path") || PATH_OPTIONS.contains(name)) {
          return arg.substring(0, eq + 1) + abs(arg.substring(eq + 1), cwd);
        }
      }
    }
    return arg;
  }

  /** {@code -Xlog:what:output:decorators:options}: the output, when a file, made absolute. */
  private static String xlog(String arg, Path cwd) {
    String[] parts = arg.substring("-Xlog:".length()).split(":", -1);
    if (parts.length < 2 || parts[1].isEmpty()) {
      return arg;
    }
    String output = parts[1];
    if (output.startsWith("file=")) {
      parts[1] = "file=" + abs(output.substring("file=".length()), cwd);
    } else if (!output.equals("stdout") && !output.equals("stderr") && !output.startsWith("#")) {
      parts[1] = abs(output, cwd);
    } else {
      return arg;
    }
    return "-Xlog:" + String.join(":", parts);
  }

  private static String abs(String path, Path cwd) {
    if (path.isEmpty()) {
      return path;
    }
    Path p = Path.of(path);
    return p.isAbsolute() ? path : cwd.resolve(p).normalize().toString();
  }
}
