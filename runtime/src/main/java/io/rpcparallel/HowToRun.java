package io.rpcparallel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a worker runs: on this machine ({@link #local()}), on another host over ssh
 * ({@link #ssh(String)}), as a Slurm job step ({@link #slurm()}), and any of these with a command
 * put in front of the worker's command line ({@link #wrap(HowToRun, List)}). Pass it to
 * {@link SpawnOptions#withHowToRun(HowToRun)}.
 *
 * <p>However a worker is started, its configuration (the run's secret included) goes to it over
 * its stdin — through the ssh session or the {@code srun} step for remote workers — never on a
 * command line or in a file. {@code ssh}, {@code scp}, {@code srun} and {@code scancel} are found
 * on this process's {@code PATH}.
 */
public sealed interface HowToRun permits HowToRun.Local, HowToRun.Ssh, HowToRun.Slurm, HowToRun.Wrapped {

  /** {@return workers as child processes of this one, on this machine (the default)} */
  static HowToRun local() {
    return Local.INSTANCE;
  }

  /**
   * {@return workers on {@code host}, started over ssh} The program's class path is copied to the
   * host first (see {@link RemoteArtifacts}) and checked by hash before each worker starts.
   *
   * @param host the host, as {@code ssh} takes it (a name from {@code ~/.ssh/config} works)
   */
  static Ssh ssh(String host) {
    return new Ssh(host, Optional.empty(), OptionalInt.empty(), Optional.empty(), List.of(), Optional.empty(),
        Ssh.DEFAULT_ARTIFACTS_DIR, Optional.empty());
  }

  /**
   * {@return workers as Slurm job steps} Each worker is one {@code srun --nodes=1 --ntasks=1} step,
   * named after the worker: its own job when this program runs outside an allocation, a step of
   * the allocation when it runs inside one ({@code sbatch}, {@code salloc}). The nodes must see the
   * program's class path at the same paths (a shared file system), as any Slurm job does.
   */
  static Slurm slurm() {
    return new Slurm(Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
        List.of(), Optional.empty());
  }

  /**
   * {@return {@code base} with {@code prefix} put in front of the worker's command line} For
   * example {@code nice -n 10}, {@code taskset -c 1}, {@code env FOO=1}, or a container runner.
   * The prefix must run the rest of its arguments as a command and pass its stdin through (the
   * worker's configuration and its master's lifeline arrive there: {@code docker run -i}); one that
   * execs the command (as {@code nice}, {@code taskset} and {@code env} do) keeps the worker's pid,
   * so that killing a remote worker reaches it. Wraps compose: the outer prefix comes first.
   *
   * @param base where the wrapped command runs
   * @param prefix the command and arguments to put in front; not empty
   */
  static HowToRun wrap(HowToRun base, List<String> prefix) {
    return new Wrapped(base, prefix);
  }

  /** Workers on this machine. */
  final class Local implements HowToRun {
    private static final Local INSTANCE = new Local();

    private Local() {}

    @Override
    public String toString() {
      return "local";
    }
  }

  /**
   * Workers on another host, started with the system's {@code ssh} client (so
   * {@code ~/.ssh/config}, agents, {@code ProxyJump} and ControlMaster work as usual), always with
   * {@code BatchMode=yes}: a host that asks for a password fails the spawn at once.
   *
   * @param host the host, as {@code ssh} takes it
   * @param user the remote user, if not ssh's default
   * @param port the ssh port, if not ssh's default
   * @param identityFile the private key to use, if not ssh's default
   * @param sshOptions extra options given to both {@code ssh} and {@code scp} (such as
   *     {@code -o ConnectTimeout=5} or {@code -F config})
   * @param java the remote {@code java} command; by default this JVM's {@code java.home} path if
   *     it exists on the host, else {@code java} on the remote {@code PATH}
   * @param artifactsDir the remote directory the class path is staged in; relative to the remote
   *     home directory unless absolute
   * @param artifacts a copy staged beforehand ({@link RemoteArtifacts#existingOn}), if any: then
   *     nothing is copied, the copy is only checked
   */
  record Ssh(String host, Optional<String> user, OptionalInt port, Optional<Path> identityFile,
      List<String> sshOptions, Optional<String> java, String artifactsDir, Optional<RemoteArtifacts> artifacts)
      implements HowToRun {

    /** Where the class path is staged by default, under the remote home directory. */
    public static final String DEFAULT_ARTIFACTS_DIR = ".cache/rpc-parallel";

    /**
     * Holds ssh options; none may be null.
     *
     * @param host the host; not blank, not starting with {@code -}
     * @param user the remote user
     * @param port the ssh port, 1 to 65535
     * @param identityFile the private key
     * @param sshOptions extra options for {@code ssh} and {@code scp}
     * @param java the remote {@code java} command
     * @param artifactsDir the remote staging directory; not blank
     * @param artifacts a copy staged beforehand
     * @throws IllegalArgumentException if a value is not valid
     */
    public Ssh {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || host.startsWith("-") || host.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("not an ssh host: '" + host + "'");
      }
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(port, "port");
      if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
        throw new IllegalArgumentException("ssh port must be 1 to 65535, got " + port.getAsInt());
      }
      Objects.requireNonNull(identityFile, "identityFile");
      sshOptions = List.copyOf(sshOptions);
      Objects.requireNonNull(java, "java");
      Objects.requireNonNull(artifactsDir, "artifactsDir");
      if (artifactsDir.isBlank()) {
        throw new IllegalArgumentException("artifactsDir must not be blank");
      }
      Objects.requireNonNull(artifacts, "artifacts");
    }

    /**
     * {@return these options with a remote user}
     *
     * @param user the user to log in as
     */
    public Ssh withUser(String user) {
      return new Ssh(host, Optional.of(user), port, identityFile, sshOptions, java, artifactsDir, artifacts);
    }

    /**
     * {@return these options with an ssh port}
     *
     * @param port the port
     */
    public Ssh withPort(int port) {
      return new Ssh(host, user, OptionalInt.of(port), identityFile, sshOptions, java, artifactsDir, artifacts);
    }

    /**
     * {@return these options with a private key}
     *
     * @param identityFile the key file
     */
    public Ssh withIdentityFile(Path identityFile) {
      return new Ssh(host, user, port, Optional.of(identityFile), sshOptions, java, artifactsDir, artifacts);
    }

    /**
     * {@return these options with extra options for {@code ssh} and {@code scp}, replacing the old ones}
     *
     * @param sshOptions the options, e.g. {@code List.of("-o", "ConnectTimeout=5")}
     */
    public Ssh withSshOptions(List<String> sshOptions) {
      return new Ssh(host, user, port, identityFile, sshOptions, java, artifactsDir, artifacts);
    }

    /**
     * {@return these options with the remote {@code java} command}
     *
     * @param java a path on the host, or a command on its {@code PATH}
     */
    public Ssh withJava(String java) {
      return new Ssh(host, user, port, identityFile, sshOptions, Optional.of(java), artifactsDir, artifacts);
    }

    /**
     * {@return these options with the remote staging directory}
     *
     * @param dir the directory, relative to the remote home unless absolute
     */
    public Ssh withArtifactsDir(String dir) {
      return new Ssh(host, user, port, identityFile, sshOptions, java, dir, artifacts);
    }

    /**
     * {@return these options using a copy staged beforehand} Workers then start from it after its
     * hashes are checked; nothing is copied.
     *
     * @param artifacts the staged copy on this host; its directory replaces these options' own
     * @throws IllegalArgumentException if the copy is on another host
     */
    public Ssh withArtifacts(RemoteArtifacts artifacts) {
      if (!artifacts.host().equals(host)) {
        throw new IllegalArgumentException("the staged copy is on " + artifacts.host() + ", not on " + host);
      }
      return new Ssh(host, user, port, identityFile, sshOptions, java, artifacts.dir(), Optional.of(artifacts));
    }

    /**
     * {@return the options given to {@code ssh} and {@code scp} for this host} {@code BatchMode=yes},
     * then the user, port and identity file if set, then {@link #sshOptions()}. The port option
     * is {@code -o Port=} so that both commands take it.
     */
    public List<String> commandOptions() {
      List<String> o = new ArrayList<>(List.of("-o", "BatchMode=yes"));
      user.ifPresent(u -> o.addAll(List.of("-o", "User=" + u)));
      port.ifPresent(p -> o.addAll(List.of("-o", "Port=" + p)));
      identityFile.ifPresent(f -> o.addAll(List.of("-i", f.toString())));
      o.addAll(sshOptions);
      return o;
    }

    @Override
    public String toString() {
      return "ssh host " + host;
    }
  }

  /**
   * Workers as Slurm job steps, started with {@code srun --nodes=1 --ntasks=1}.
   *
   * @param partition {@code --partition}, if any
   * @param timeLimit {@code --time}, if any (rounded up to whole minutes)
   * @param cpusPerTask {@code --cpus-per-task}, if any
   * @param memory {@code --mem}, in Slurm's syntax ({@code 2G}), if any
   * @param account {@code --account}, if any
   * @param extraArgs more {@code srun} options, put before the worker's command
   * @param java the {@code java} command on the nodes; by default this JVM's {@code java.home} path
   *     if it exists there, else {@code java} on the node's {@code PATH}
   */
  record Slurm(Optional<String> partition, Optional<Duration> timeLimit, OptionalInt cpusPerTask,
      Optional<String> memory, Optional<String> account, List<String> extraArgs, Optional<String> java)
      implements HowToRun {

    /**
     * Holds Slurm options; none may be null.
     *
     * @param partition {@code --partition}
     * @param timeLimit {@code --time}; positive
     * @param cpusPerTask {@code --cpus-per-task}; positive
     * @param memory {@code --mem}
     * @param account {@code --account}
     * @param extraArgs more {@code srun} options
     * @param java the {@code java} command on the nodes
     * @throws IllegalArgumentException if a value is not valid
     */
    public Slurm {
      Objects.requireNonNull(partition, "partition");
      Objects.requireNonNull(timeLimit, "timeLimit");
      if (timeLimit.isPresent() && (timeLimit.get().isNegative() || timeLimit.get().isZero())) {
        throw new IllegalArgumentException("timeLimit must be positive, got " + timeLimit.get());
      }
      Objects.requireNonNull(cpusPerTask, "cpusPerTask");
      if (cpusPerTask.isPresent() && cpusPerTask.getAsInt() < 1) {
        throw new IllegalArgumentException("cpusPerTask must be positive, got " + cpusPerTask.getAsInt());
      }
      Objects.requireNonNull(memory, "memory");
      Objects.requireNonNull(account, "account");
      extraArgs = List.copyOf(extraArgs);
      Objects.requireNonNull(java, "java");
    }

    /**
     * {@return these options with a partition}
     *
     * @param partition the partition
     */
    public Slurm withPartition(String partition) {
      return new Slurm(Optional.of(partition), timeLimit, cpusPerTask, memory, account, extraArgs, java);
    }

    /**
     * {@return these options with a time limit}
     *
     * @param timeLimit the limit (Slurm counts whole minutes)
     */
    public Slurm withTimeLimit(Duration timeLimit) {
      return new Slurm(partition, Optional.of(timeLimit), cpusPerTask, memory, account, extraArgs, java);
    }

    /**
     * {@return these options with a number of CPUs per worker}
     *
     * @param cpus the CPUs
     */
    public Slurm withCpusPerTask(int cpus) {
      return new Slurm(partition, timeLimit, OptionalInt.of(cpus), memory, account, extraArgs, java);
    }

    /**
     * {@return these options with a memory request}
     *
     * @param memory in Slurm's syntax, e.g. {@code 2G}
     */
    public Slurm withMemory(String memory) {
      return new Slurm(partition, timeLimit, cpusPerTask, Optional.of(memory), account, extraArgs, java);
    }

    /**
     * {@return these options with an account}
     *
     * @param account the account
     */
    public Slurm withAccount(String account) {
      return new Slurm(partition, timeLimit, cpusPerTask, memory, Optional.of(account), extraArgs, java);
    }

    /**
     * {@return these options with more {@code srun} options, replacing the old ones}
     *
     * @param extraArgs the options
     */
    public Slurm withExtraArgs(List<String> extraArgs) {
      return new Slurm(partition, timeLimit, cpusPerTask, memory, account, extraArgs, java);
    }

    /**
     * {@return these options with the {@code java} command on the nodes}
     *
     * @param java a path on the nodes, or a command on their {@code PATH}
     */
    public Slurm withJava(String java) {
      return new Slurm(partition, timeLimit, cpusPerTask, memory, account, extraArgs, Optional.of(java));
    }

    @Override
    public String toString() {
      return "Slurm";
    }
  }

  /**
   * A command put in front of the worker's command line.
   *
   * @param base where the wrapped command runs
   * @param prefix the command and its arguments
   */
  record Wrapped(HowToRun base, List<String> prefix) implements HowToRun {
    /**
     * Holds a wrap.
     *
     * @param base where the wrapped command runs; not null
     * @param prefix the command and its arguments; not empty
     * @throws IllegalArgumentException if {@code prefix} is empty
     */
    public Wrapped {
      Objects.requireNonNull(base, "base");
      prefix = List.copyOf(prefix);
      if (prefix.isEmpty()) {
        throw new IllegalArgumentException("wrap needs a command to put in front, got an empty prefix");
      }
    }

    @Override
    public String toString() {
      return base + " wrapped in " + String.join(" ", prefix);
    }
  }
}
