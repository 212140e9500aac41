package io.rpcparallel.internal.spawn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JVM flags a worker inherits from this program: what the program was started with, less what
 * would break or repeat in a worker, with relative paths made absolute (workers start in another
 * directory, {@code /} by default).
 *
 * <ul>
 *   <li>Flags that came from {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS} are not copied:
 *       a local worker inherits the variable, and its JVM applies it again (an agent's
 *       {@code premain} would run twice). Its relative paths are made absolute in the copy of the
 *       variable the worker gets ({@link #optionsVariablesForWorker}). Nor are the options read from
 *       a {@code -XX:Flags=} file: the worker reads the file again.
 *   <li>Flags that bind a fixed port are dropped: a debugger agent ({@code jdwp}) and JMX's
 *       {@code com.sun.management.jmxremote.port} / {@code .rmi.port}; the worker would die binding
 *       the port the program holds.
 *   <li>The launcher's {@code -Djdk.module.main} is dropped: a worker of a program run from the
 *       module path is started with {@code -m} of its own (see {@link WorkerCommand}).
 *   <li>Paths in {@code -javaagent:}, {@code -agentpath:}, {@code -Xbootclasspath/a:},
 *       {@code --module-path=}, {@code --upgrade-module-path=}, {@code --patch-module=},
 *       {@code -Xloggc:}, {@code -Xlog:…:file=}, {@code -XX:…File=} / {@code …Path=},
 *       {@code -XX:Flags=}, and the {@code filename=} / {@code repository=} / {@code dumppath=} and
 *       {@code settings=} (a {@code .jfc} file) of JFR's options are made absolute against this
 *       program's working directory. {@code -D} values are left as they are: only the program
 *       knows which of them are paths.
 * </ul>
 */
final class JvmFlags {
  private JvmFlags() {}

  /** {@code -XX:} options whose value is a path although their name does not end in File or Path. */
  private static final List<String> PATH_OPTIONS = List.of("AOTCache", "AOTCacheOutput", "AOTConfiguration",
      "ArchiveClassesAtExit", "DumpLoadedClassList", "Flags");

  /**
   * {@return this JVM's flags as its workers inherit them ({@link #forWorker} of its input
   * arguments, options variables and working directory)} Computed once: none of those changes
   * during the JVM's life.
   */
  static List<String> inherited() {
    return Inherited.FLAGS;
  }

  /** {@return {@link #optionsVariablesForWorker} of this process's environment, computed once} */
  static Map<String, String> inheritedOptionsVariables() {
    return Inherited.VARIABLES;
  }

  /** What this JVM's workers inherit, computed when first asked. */
  private static final class Inherited {
    static final Path CWD = Path.of("").toAbsolutePath();
    static final List<String> FLAGS = List.copyOf(forWorker(ManagementFactory.getRuntimeMXBean().getInputArguments(),
        System.getenv("JAVA_TOOL_OPTIONS"), System.getenv("JDK_JAVA_OPTIONS"), CWD));
    static final Map<String, String> VARIABLES = Map.copyOf(optionsVariablesForWorker(System.getenv(), CWD));
  }

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
    for (String f : launcherForm(tokens(jdkJavaOptions))) {
      fromEnv.merge(f, 1, Integer::sum);
    }
    // The JVM lists the options of a -XX:Flags= file among its input arguments, as written in the
    // file (+Flag, Name=value): not flags a launcher takes, and the worker reads the file itself.
    for (String arg : inputArguments) {
      if (arg.startsWith("-XX:Flags=")) {
        for (String f : flagsFile(cwd.resolve(arg.substring("-XX:Flags=".length())))) {
          fromEnv.merge(f, 1, Integer::sum);
        }
      }
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

  /** The launcher's options that may take their value as the next word ({@code -p} is {@code --module-path}). */
  private static final Set<String> TWO_WORD_OPTIONS = Set.of("--module-path", "--upgrade-module-path",
      "--add-modules", "--limit-modules", "--add-exports", "--add-opens", "--add-reads", "--patch-module",
      "--enable-native-access");

  /**
   * {@code JDK_JAVA_OPTIONS}' words as the {@code java} launcher hands them to the JVM, and so as
   * they appear among its input arguments: {@code --add-opens X} and {@code -p mods} become
   * {@code --add-opens=X} and {@code --module-path=mods}.
   */
  static List<String> launcherForm(List<String> words) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String name = words.get(i).equals("-p") ? "--module-path" : words.get(i);
      if (TWO_WORD_OPTIONS.contains(name) && i + 1 < words.size()) {
        out.add(name + "=" + words.get(++i));
      } else {
        out.add(words.get(i));
      }
    }
    return out;
  }

  /** The options of a {@code -XX:Flags=} file, as the JVM reads them (none if it cannot be read). */
  private static List<String> flagsFile(Path file) {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        // As the JVM reads it: a token that starts with # starts a comment, to the end of the line.
        for (String token : tokens(line)) {
          if (token.startsWith("#")) {
            break;
          }
          out.add(token);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The JVM read it as it started; if it is gone now, there is nothing to leave out.
    }
    return out;
  }

  /** The variables the JVM reads flags from. */
  static final List<String> OPTIONS_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  /**
   * The options variables of {@code env} as a worker gets them, where that differs from {@code env}
   * (the others are left out of the result): without the flags that bind a fixed port, and with
   * relative paths made absolute against {@code cwd} (the worker starts in another directory and
   * applies the variable there).
   */
  static Map<String, String> optionsVariablesForWorker(Map<String, String> env, Path cwd) {
    Map<String, String> out = new HashMap<>();
    for (String var : OPTIONS_VARIABLES) {
      List<String> flags = var.equals("JDK_JAVA_OPTIONS") ? launcherForm(tokens(env.get(var))) : tokens(env.get(var));
      List<String> kept = new ArrayList<>();
      for (String f : flags) {
        if (!bindsFixedPort(f)) {
          kept.add(absolute(f, cwd));
        }
      }
      if (!kept.equals(flags)) {
        StringBuilder value = new StringBuilder();
        for (String f : kept) {
          value.append(value.length() == 0 ? "" : " ").append(quoted(f));
        }
        out.put(var, value.toString());
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
        return prefix + absList(arg.substring(prefix.length()), cwd);
      }
    }
    if (arg.startsWith("--patch-module=")) {
      // --patch-module=<module>=<path>(:<path>)*
      int eq = arg.indexOf('=', "--patch-module=".length());
      if (eq < 0) {
        return arg;
      }
      return arg.substring(0, eq + 1) + absList(arg.substring(eq + 1), cwd);
    }
    if (arg.startsWith("-Xloggc:")) {
      return "-Xloggc:" + abs(arg.substring("-Xloggc:".length()), cwd);
    }
    if (arg.startsWith("-Xlog:")) {
      return xlog(arg, cwd);
    }
    for (String jfr : List.of("-XX:StartFlightRecording", "-XX:FlightRecorderOptions")) {
      // -XX:StartFlightRecording=opts or, as the JVM also takes it, -XX:StartFlightRecording:opts
      if (arg.startsWith(jfr + "=") || arg.startsWith(jfr + ":")) {
        List<String> opts = new ArrayList<>();
        for (String o : arg.substring(jfr.length() + 1).split(",", -1)) {
          int e = o.indexOf('=');
          String key = e < 0 ? "" : o.substring(0, e);
          String value = o.substring(e + 1);
          // settings= is a file only when it looks like one; else the name of one of the JDK's (profile).
          if (key.equals("filename") || key.equals("repository") || key.equals("dumppath")
              || key.equals("settings") && (value.endsWith(".jfc") || value.contains("/"))) {
            o = key + "=" + abs(value, cwd);
          }
          opts.add(o);
        }
        return arg.substring(0, jfr.length() + 1) + String.join(",", opts);
      }
    }
    if (arg.startsWith("-XX:") && !arg.startsWith("-XX:+") && !arg.startsWith("-XX:-")) {
      int eq = arg.indexOf('=');
      if (eq > 0) {
        String name = arg.substring("-XX:".length(), eq);
        if (name.equals("SharedArchiveFile")) {
          return arg.substring(0, eq + 1) + absList(arg.substring(eq + 1), cwd); // a static and a dynamic archive
        }
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

  /** A list of paths ({@code a.jar:lib/b.jar}), each made absolute. */
  private static String absList(String paths, Path cwd) {
    List<String> entries = new ArrayList<>();
    for (String e : paths.split(java.io.File.pathSeparator, -1)) {
      entries.add(abs(e, cwd));
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static String abs(String path, Path cwd) {
    if (path.isEmpty()) {
      return path;
    }
    Path p = Path.of(path);
    return p.isAbsolute() ? path : cwd.resolve(p).normalize().toString();
  }
}
