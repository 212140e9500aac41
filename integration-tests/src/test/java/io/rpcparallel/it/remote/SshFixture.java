package io.rpcparallel.it.remote;

import io.rpcparallel.it.Await;
import io.rpcparallel.it.Procs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real OpenSSH server on loopback for the tests of this JVM, with 127.0.0.1 and 127.0.0.2 as two
 * "hosts" (both are this machine). Register it with
 * {@code @RegisterExtension static final SshFixture SSH = new SshFixture();} or
 * {@code @ExtendWith(SshFixture.class)} and a test parameter of type {@code SshFixture}; the first
 * test class that does starts {@code sshd}, the end of the JUnit run stops it.
 *
 * <p>Plain {@code ssh} and {@code scp} run by name from the test JVM (surefire puts
 * {@link #binDir()} first on its PATH) reach it without more options: wrapper scripts there add
 * {@code -F} {@link #sshConfig()} (port, user, key, known hosts, {@code BatchMode yes}). A remote
 * command runs in a fresh login of the current user: sshd's default PATH, no JAVA_HOME, HOME a
 * directory of the fixture (so that the machine's shell start-up files do not slow every login).
 *
 * <p>A second port, {@link #passwordOnlyPort()}, accepts passwords only: under BatchMode every
 * login there fails at once.
 *
 * <p>Needs sshd, ssh, scp and ssh-keygen: without them the tests are skipped, or with {@code CI=true}
 * fail.
 */
public final class SshFixture extends OnePerJvm<SshFixture.Server> {
  /** The "host" the tests treat as this one. */
  public static final String HOST = "127.0.0.1";
  /** The "host" the tests treat as another machine: loopback too, its own address. */
  public static final String OTHER_HOST = "127.0.0.2";
  /** Set in the environment of every session, so that a remote process that outlived its session is still found. */
  static final String MARKER = "RPCPARALLEL_IT_SSHD";

  private static final List<Tools.Need> NEEDS = List.of(
      new Tools.Need("sshd", "openssh-server"),
      new Tools.Need("ssh", "openssh-client"),
      new Tools.Need("scp", "openssh-client"),
      new Tools.Need("ssh-keygen", "openssh-client"));
  private static final Duration START_LIMIT = Duration.ofSeconds(30);
  private static final Pattern BIND_FAILED = Pattern.compile("Bind to port \\d+ on \\S+ failed|Cannot bind any address");

  /** A handle; the server itself is shared by every instance in this JVM. */
  public SshFixture() {}

  @Override
  Server start() throws Exception {
    return Server.start(Tools.require(NEEDS));
  }

  /** The port on which both hosts accept the client key (and nothing else). */
  public int port() {
    return running().port;
  }

  /** The port on which both hosts accept passwords only (and no key). */
  public int passwordOnlyPort() {
    return running().passwordPort;
  }

  /** The client configuration that the {@code ssh} and {@code scp} wrappers pass with {@code -F}. */
  public Path sshConfig() {
    return running().sshConfig;
  }

  /** The fixture's temp directory (keys, configuration, logs, the sessions' HOME); deleted at the end of the run. */
  public Path dir() {
    return running().daemons.dir();
  }

  /** The HOME of remote sessions: empty at start, under {@link #dir()}. */
  public Path remoteHome() {
    return running().home;
  }

  /** Where the {@code ssh} and {@code scp} wrappers are: put it first on the PATH of a program a test starts itself. */
  public Path binDir() {
    return Tools.binDir();
  }

  /** The user remote commands run as: the one running the tests. */
  public String user() {
    return System.getProperty("user.name");
  }

  /** What sshd logged so far (its last {@code lines} lines), for a failure message. */
  public String log(int lines) {
    return running().daemons.logTail("sshd.log", lines);
  }

  /**
   * Runs {@code remoteCommand} (its words joined with spaces, as ssh does) on {@code host} with the
   * real ssh and {@link #sshConfig()}, and waits at most {@link Await#LIMIT} for it to end.
   */
  public CommandResult run(String host, String... remoteCommand) {
    Server s = running();
    List<String> cmd = new ArrayList<>(List.of(s.ssh.toString(), "-F", s.sshConfig.toString(), host));
    cmd.addAll(List.of(remoteCommand));
    return Commands.run(cmd, Map.of(), Await.LIMIT);
  }

  /**
   * The pids of the live processes that sessions of this server started, whose command line
   * ({@link Procs#commandLine}) matches {@code regex} somewhere: those still under their session and
   * those that outlived it. The ssh clients on this side are not among them.
   */
  public List<Long> remotePids(String regex) {
    Pattern p = Pattern.compile(regex);
    Server s = running();
    return Stream.concat(s.listener.descendants(), io.rpcparallel.it.FixtureDaemons.adoptedOrphans().stream())
        .filter(h -> s.startedHere(h))
        .filter(h -> Procs.isRunning(h.pid()))
        .filter(h -> p.matcher(Procs.commandLine(h.pid())).find())
        .map(ProcessHandle::pid)
        .distinct()
        .collect(Collectors.toList());
  }

  /** A running sshd and what it needs. */
  static final class Server implements AutoCloseable {
    private final DaemonSet daemons;
    private final Path ssh;
    private final Path sshConfig;
    private final Path home;
    private final String marker;
    private ProcessHandle listener;
    private int port;
    private int passwordPort;

    private Server(DaemonSet daemons, Path ssh) {
      this.daemons = daemons;
      this.ssh = ssh;
      this.sshConfig = daemons.dir().resolve("ssh_config");
      this.home = daemons.dir().resolve("home");
      this.marker = daemons.marker();
    }

    static Server start(Map<String, Path> tools) throws Exception {
      long t0 = System.nanoTime();
      DaemonSet daemons = new DaemonSet("sshd", "rpc-it-sshd-", false, MARKER);
      try {
        Server s = new Server(daemons, tools.get("ssh"));
        s.startSshd(tools);
        System.out.printf("remote fixture: sshd on %s and %s, port %d (password-only port %d), ready in %d ms%n",
            HOST, OTHER_HOST, s.port, s.passwordPort, (System.nanoTime() - t0) / 1_000_000);
        return s;
      } catch (Exception | AssertionError e) {
        daemons.close();
        throw e;
      }
    }

    private void startSshd(Map<String, Path> tools) throws Exception {
      Path dir = daemons.dir();
      Path privsep = Path.of("/run/sshd");
      if (!Files.isDirectory(privsep)) {
        // sshd's privilege separation directory; nothing else creates it without systemd
        Files.createDirectories(privsep, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      }
      Files.createDirectories(home);
      String keygen = tools.get("ssh-keygen").toString();
      Commands.run(List.of(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "rpc-it host", "-f", dir.resolve("host_key").toString()),
          Map.of(), Await.LIMIT).requireOk();
      Commands.run(List.of(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "rpc-it client", "-f", dir.resolve("client_key").toString()),
          Map.of(), Await.LIMIT).requireOk();
      Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
      String[] hostKey = Files.readString(dir.resolve("host_key.pub"), StandardCharsets.UTF_8).trim().split("\\s+");

      // A port may be taken between choosing and binding it: then sshd says so, and we choose again.
      long deadline = System.nanoTime() + START_LIMIT.toNanos();
      for (int attempt = 1; ; attempt++) {
        int[] ports = DaemonSet.freePorts(2);
        port = ports[0];
        passwordPort = ports[1];
        writeConfigs(hostKey[0] + " " + hostKey[1]);
        Commands.run(List.of(tools.get("sshd").toString(), "-t", "-f", dir.resolve("sshd_config").toString()),
            Map.of(), Await.LIMIT).requireOk();
        Process sshd = daemons.start("sshd.log", List.of(tools.get("sshd").toString(), "-D", "-e", "-f",
            dir.resolve("sshd_config").toString()), Map.of());
        if (awaitListening(sshd, deadline)) {
          listener = sshd.toHandle();
          break;
        }
        daemons.stop(sshd);
        if (attempt == 3) {
          throw new IllegalStateException("sshd could not bind its ports 3 times; its log:\n" + daemons.logTail("sshd.log", 30));
        }
      }
      awaitLogin(deadline);
      daemons.writeWrapper("ssh", "exec " + DaemonSet.sh(ssh.toString()) + " -F " + DaemonSet.sh(sshConfig.toString()) + " \"$@\"");
      daemons.writeWrapper("scp", "exec " + DaemonSet.sh(tools.get("scp").toString()) + " -F " + DaemonSet.sh(sshConfig.toString()) + " \"$@\"");
      daemons.adopt(this::startedHere);
    }

    private void writeConfigs(String hostKey) throws IOException {
      Path dir = daemons.dir();
      Files.writeString(dir.resolve("sshd_config"), String.join("\n",
          "# sshd for one test run: loopback only, key login only, everything under " + dir,
          "Port " + port,
          "Port " + passwordPort,
          "ListenAddress " + HOST,
          "ListenAddress " + OTHER_HOST,
          "HostKey " + dir.resolve("host_key"),
          "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
          "PidFile " + dir.resolve("sshd.pid"),
          "UsePAM no",
          "PubkeyAuthentication yes",
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          "PermitRootLogin prohibit-password",
          // the temp directory is not owned and moded the way StrictModes wants
          "StrictModes no",
          // many workers spawned at once must not be dropped as a connection flood
          "MaxSessions 100",
          "MaxStartups 100:30:200",
          "PrintMotd no",
          "PrintLastLog no",
          // scp speaks SFTP since OpenSSH 9.0
          "Subsystem sftp internal-sftp",
          // a HOME of our own: the machine's ~/.bashrc may be slow (pyenv) and must not decide what tests see
          "SetEnv HOME=" + home + " " + marker,
          "Match LocalPort " + passwordPort,
          "  PubkeyAuthentication no",
          "  PasswordAuthentication yes",
          "  PermitRootLogin yes",
          ""), StandardCharsets.UTF_8);
      StringBuilder knownHosts = new StringBuilder();
      for (String host : List.of(HOST, OTHER_HOST, "localhost")) {
        for (int p : new int[] {port, passwordPort}) {
          knownHosts.append('[').append(host).append("]:").append(p).append(' ').append(hostKey).append('\n');
        }
      }
      Files.writeString(dir.resolve("known_hosts"), knownHosts.toString(), StandardCharsets.UTF_8);
      Files.writeString(sshConfig, String.join("\n",
          "# ssh client settings for the test sshd",
          "Host *",
          "  Port " + port,
          "  User " + System.getProperty("user.name"),
          "  IdentityFile " + dir.resolve("client_key"),
          "  IdentitiesOnly yes",
          "  UserKnownHostsFile " + dir.resolve("known_hosts"),
          "  GlobalKnownHostsFile /dev/null",
          "  StrictHostKeyChecking yes",
          "  BatchMode yes",
          "  ConnectTimeout 10",
          "  LogLevel ERROR",
          ""), StandardCharsets.UTF_8);
    }

    /** Waits until sshd logs that it listens on both ports of both addresses; false if it could not bind them. */
    private boolean awaitListening(Process sshd, long deadline) throws InterruptedException {
      List<String> expected = new ArrayList<>();
      for (String host : List.of(HOST, OTHER_HOST)) {
        for (int p : new int[] {port, passwordPort}) {
          expected.add("Server listening on " + host + " port " + p + ".");
        }
      }
      while (true) {
        String log = daemons.logTail("sshd.log", 100);
        if (BIND_FAILED.matcher(log).find()) {
          return false;
        }
        if (expected.stream().allMatch(log::contains)) {
          return true;
        }
        if (!sshd.isAlive()) {
          throw new IllegalStateException("sshd exited with " + sshd.exitValue() + " at start; its log:\n" + log);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("sshd did not listen within " + START_LIMIT + "; its log:\n" + log);
        }
        Thread.sleep(20);
      }
    }

    /** Waits until a real login to the other host works. */
    private void awaitLogin(long deadline) throws InterruptedException {
      CommandResult last;
      do {
        last = Commands.run(List.of(ssh.toString(), "-F", sshConfig.toString(), OTHER_HOST, "true"), Map.of(), Await.LIMIT);
        if (last.ok()) {
          return;
        }
        Thread.sleep(50);
      } while (System.nanoTime() < deadline);
      throw new IllegalStateException("no login to sshd within " + START_LIMIT + ": " + last.describe()
          + "\nsshd's log:\n" + daemons.logTail("sshd.log", 30));
    }

    /** Whether a session of this server started {@code p} (its environment has this server's marker). */
    private boolean startedHere(ProcessHandle p) {
      return Procs.hasEnvironmentEntry(p.pid(), marker);
    }

    @Override
    public void close() {
      daemons.close();
    }
  }
}
