package io.rpcparallel.benchmarks.compare;

import io.grpc.ManagedChannel;
import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.MapResults;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StreamWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;

/**
 * The driver of {@code benchmarks/run}: this JVM is the client of every comparison; each server
 * (our worker, gRPC, raw Netty, raw TCP, the C floor) is a separate process started here and
 * killed on the way out. Systems take turns, round by round, so that a noisy machine disturbs them
 * alike.
 *
 * <pre>
 *   Compare quick|full OUT.md PINGPONG_BINARY   all comparisons; writes the results
 *   Compare spawn quick|full                    the spawn comparison alone, as table rows (for another JDK)
 * </pre>
 */
public final class Compare {
  private final boolean quick;
  private final List<Process> children = new ArrayList<>();
  private final StringBuilder md = new StringBuilder();
  /** The issue's targets, as table rows, in the order measured. */
  private final StringBuilder targets = new StringBuilder();
  private double lastSpawnRatio;

  private Compare(boolean quick) {
    this.quick = quick;
    Runtime.getRuntime().addShutdownHook(new Thread(this::killChildren, "kill-children"));
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("spawn")) {
      Compare c = new Compare(args[1].equals("quick"));
      try {
        System.out.print(c.spawnRows(Runtime.version().feature() + (System.getProperty(FLOOR_ARCHIVES) != null
            ? " (floor: AppCDS)" : "")));
      } finally {
        c.killChildren();
      }
      System.exit(0);
    }
    Compare c = new Compare(args[0].equals("quick"));
    try {
      c.all(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Path.of(args[3]) : null);
    } finally {
      c.killChildren();
    }
    System.exit(0);
  }

  /** Whether comparison {@code i} runs: all of them unless -Dbench.only=1,3 names some. */
  private static boolean runs(int i) {
    String only = System.getProperty("bench.only", "");
    return only.isBlank() || Arrays.asList(only.split(",")).contains(String.valueOf(i));
  }

  private int n(int quickValue, int fullValue) {
    return quick ? quickValue : fullValue;
  }

  private void all(Path out, Path pingpong, Path spawnRowsOtherJdk) throws Exception {
    String started = LocalDate.now().toString();
    if (runs(1)) {
      log("1/7 blocking calls");
      latency(pingpong);
    }
    if (runs(2)) {
      log("2/7 pipelined calls");
      pipelined();
    }
    if (runs(3)) {
      log("3/7 streams");
      streams();
    }
    if (runs(4)) {
      spawn(spawnRowsOtherJdk);
    }
    if (runs(5)) {
      log("5/7 parallel speed-up");
      parallel();
    }
    if (runs(6)) {
      log("6/7 memory");
      memory();
    }
    if (runs(7)) {
      log("7/7 many workers");
      manyWorkers();
    }
    if (runs(8)) {
      log("8 transports");
      transports();
    }
    if (runs(9)) {
      log("9 TLS's cost");
      tlsCost();
    }
    if (runs(10)) {
      log("10 an open dashboard's cost");
      dashboardCost();
    }
    String header = "# Benchmarks: rpc-parallel vs gRPC-java, raw Netty and the machine's floor\n\n"
        + "Written by `benchmarks/run" + (quick ? " --quick" : "") + "` on " + started + " ("
        + (quick ? "quick run: fewer rounds and iterations" : "full run") + ").\n\n"
        + "- Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
        + cpuModel() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
        + "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n"
        + "- JVM flags (driver, every server and worker): `"
        + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "`\n"
        + "- Client and server are separate JVMs on loopback; systems alternate round by round"
        + " (A B C A B C …) after a warm-up. Ratios are ours/peer: below 1 is better for latency and"
        + " time, above 1 is better for rates.\n";
    String targetTable = targets.length() == 0 ? "" : "\n## Targets (ratios from this run)\n\n"
        + "| target | measured | met |\n|---|---|---|\n" + targets;
    Files.writeString(out, header + targetTable + md);
    log("wrote " + out);
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Blocking call round trip

  private interface Caller {
    void call(byte[] payload) throws Exception;
  }

  private void latency(Path pingpong) throws Exception {
    section("1. Blocking call round trip",
        "One caller thread, one call in flight; round-trip latency in µs. gRPC default is its"
            + " out-of-the-box configuration; gRPC direct runs handlers and callbacks on its event loops"
            + " (`directExecutor()` on both ends), the peer of our `@OnEventLoop` method, which the worker"
            + " runs on its event loop rather than its call pool. Raw Netty is a length-prefixed echo with no codec; C is"
            + " a blocking TCP_NODELAY ping-pong, the machine's floor.");
    md.append("| payload | system | p50 µs | p99 µs | ours/peer p50 | ours/peer p99 |\n|---|---|---|---|---|---|\n");
    int warm = n(3_000, 20_000);
    int rounds = n(3, 10);
    int perRound = n(3_000, 20_000);
    try (BenchServiceClient ours = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("bench"))) {
      String[] grpcPorts = startServer("grpc").split(" ");
      String[] rawPorts = startServer("raw").split(" ");
      Process c = startChild(List.of(pingpong.toString(), "server"));
      int cPort = Integer.parseInt(firstLine(c));
      ManagedChannel grpcDefault = Grpc.channel(Integer.parseInt(grpcPorts[0]), false);
      ManagedChannel grpcDirect = Grpc.channel(Integer.parseInt(grpcPorts[1]), true);
      try (Peers.NettyClient netty = new Peers.NettyClient(Integer.parseInt(rawPorts[0]))) {
        for (int size : new int[] {64, 1024}) {
          Map<String, Caller> systems = new LinkedHashMap<>();
          systems.put("rpc-parallel", ours::echo);
          systems.put("rpc-parallel @OnEventLoop", ours::echoOnLoop);
          systems.put("gRPC default", p -> Grpc.echo(grpcDefault, p));
          systems.put("gRPC direct", p -> Grpc.echo(grpcDirect, p));
          systems.put("raw Netty", netty::echo);
          Map<String, Histogram> hist = new LinkedHashMap<>();
          byte[] payload = new byte[size];
          for (var e : systems.entrySet()) {
            hist.put(e.getKey(), new Histogram(3));
            for (int i = 0; i < warm; i++) {
              e.getValue().call(payload);
            }
          }
          hist.put("C floor", new Histogram(3));
          for (int r = 0; r < rounds; r++) {
            for (var e : systems.entrySet()) {
              Histogram h = hist.get(e.getKey());
              for (int i = 0; i < perRound; i++) {
                long t0 = System.nanoTime();
                e.getValue().call(payload);
                h.recordValue(System.nanoTime() - t0);
              }
            }
            cFloor(pingpong, cPort, perRound, size, hist.get("C floor"));
          }
          Histogram mine = hist.get("rpc-parallel");
          double p50 = mine.getValueAtPercentile(50);
          double raw = hist.get("raw Netty").getValueAtPercentile(50);
          target("blocking call " + size + " B p50 ≤ 1.1× raw Netty", p50 / raw, true, 1.1);
          target("blocking call " + size + " B p50 ≤ 0.4× gRPC default",
              p50 / hist.get("gRPC default").getValueAtPercentile(50), true, 0.4);
          target("blocking call " + size + " B p50, @OnEventLoop, ≤ 1.0× raw Netty",
              hist.get("rpc-parallel @OnEventLoop").getValueAtPercentile(50) / raw, true, 1.0);
          for (var e : hist.entrySet()) {
            Histogram h = e.getValue();
            md.append("| ").append(size).append(" B | ").append(e.getKey()).append(" | ")
                .append(us(h.getValueAtPercentile(50))).append(" | ").append(us(h.getValueAtPercentile(99))).append(" | ")
                .append(ratio(mine.getValueAtPercentile(50), h.getValueAtPercentile(50))).append(" | ")
                .append(ratio(mine.getValueAtPercentile(99), h.getValueAtPercentile(99))).append(" |\n");
          }
        }
      } finally {
        grpcDefault.shutdownNow();
        grpcDirect.shutdownNow();
      }
    } finally {
      killChildren();
    }
  }

  private void cFloor(Path pingpong, int port, int count, int size, Histogram h) throws Exception {
    Process p = new ProcessBuilder(pingpong.toString(), "client", String.valueOf(port), String.valueOf(count),
        String.valueOf(size)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        h.recordValue(Long.parseLong(line));
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("pingpong client failed");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 8. Transports

  /** One of Netty's transports, as {@code -Drpcparallel.transport} names it. */
  private record Variant(String name, String transport) {}

  private void transports() throws Exception {
    List<Variant> variants = List.of(new Variant("NIO", "nio"), new Variant("epoll", "epoll"));
    String[] measures = {"spawn ms", "call 64 B p50 µs", "pipelined 64 B calls/s", "1 KiB stream msg/s",
        "64 KiB stream GiB/s", "1 MiB stream GiB/s"};
    int rounds = n(3, 6);
    section("8. Transports",
        "Netty's NIO transport (the default) against its native epoll one (`-Drpcparallel.transport=epoll`),"
            + " both ends on loopback TCP. Each round restarts the runtime on the transport (its workers follow"
            + " their master's choice) and spawns a fresh worker, which is warmed before it is measured: blocking"
            + " 64-byte calls (p50), pipelined 64-byte calls (256 in flight), streams of 1 KiB, 64 KiB and 1 MiB"
            + " items, then the spawn of a second worker to its first answer; transports take turns round by"
            + " round after a warm-up round. Medians of " + rounds + " rounds, and in brackets the ratio to NIO.");
    Map<Variant, double[][]> results = new LinkedHashMap<>();
    for (Variant v : variants) {
      results.put(v, new double[measures.length][rounds]);
    }
    try {
      for (int r = -1; r < rounds; r++) {
        for (Variant v : variants) {
          double[] m = transportRound(v);
          if (r >= 0) {
            for (int i = 0; i < m.length; i++) {
              results.get(v)[i][r] = m[i];
            }
          }
        }
      }
    } finally {
      System.clearProperty("rpcparallel.transport");
      io.rpcparallel.RpcParallel.shutdown(java.time.Duration.ofSeconds(5));
      killChildren();
    }
    double[] base = new double[measures.length];
    for (int i = 0; i < measures.length; i++) {
      base[i] = median(results.get(variants.get(0))[i]);
    }
    md.append("| transport | ").append(String.join(" | ", measures)).append(" |\n|---");
    md.append("|---".repeat(measures.length)).append("|\n");
    for (Variant v : variants) {
      md.append("| ").append(v.name());
      for (int i = 0; i < measures.length; i++) {
        double med = median(results.get(v)[i]);
        String f = i == 1 || i >= 4 ? "%.2f" : "%.0f";
        md.append(" | ").append(String.format(f, med)).append(" (").append(String.format("%.2f×", med / base[i]))
            .append(")");
      }
      md.append(" |\n");
    }
    md.append("\nFor the spawn and the call, a ratio below 1 is better; for the rates, above 1.\n");
  }

  /** One round of {@code v}: restarts the runtime on it, spawns a worker, warms and measures it. */
  private double[] transportRound(Variant v) throws Exception {
    io.rpcparallel.RpcParallel.shutdown(java.time.Duration.ofSeconds(5));
    System.setProperty("rpcparallel.transport", v.transport());
    double[] m = new double[6];
    byte[] payload = new byte[64];
    long warmNanos = TimeUnit.MILLISECONDS.toNanos(n(300, 1_000));
    long roundNanos = TimeUnit.MILLISECONDS.toNanos(n(1_000, 2_000));
    try (BenchServiceClient ours = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("transport"))) {
      for (int i = 0; i < n(3_000, 10_000); i++) {
        ours.echo(payload);
      }
      Histogram h = new Histogram(3);
      for (int i = 0; i < n(3_000, 10_000); i++) {
        long t0 = System.nanoTime();
        ours.echo(payload);
        h.recordValue(System.nanoTime() - t0);
      }
      m[1] = h.getValueAtPercentile(50) / 1e3;
      AsyncCaller async = (p, done) -> ours.async().echo(p).whenComplete((r, e) -> done.run());
      pipelineRound(async, 256, warmNanos);
      m[2] = pipelineRound(async, 256, roundNanos);
      long[][] cases = {{1024, n(100_000, 500_000)}, {64 << 10, n(4_000, 16_000)}, {1 << 20, n(256, 1_000)}};
      for (int c = 0; c < cases.length; c++) {
        int size = (int) cases[c][0];
        long count = cases[c][1];
        double amount = size < 64 << 10 ? count : (double) size * count / (1 << 30);
        timedFor(warmNanos, () -> oursItems(ours, size, count), amount);
        m[3 + c] = timedFor(roundNanos, () -> oursItems(ours, size, count), amount);
      }
      long t0 = System.nanoTime();
      try (BenchServiceClient second = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class,
          SpawnOptions.named("transport-spawn"))) {
        second.echo(payload);
        m[0] = (System.nanoTime() - t0) / 1e6;
      }
    }
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Pipelined calls

  private interface AsyncCaller {
    void call(byte[] payload, Runnable done);
  }

  private void pipelined() throws Exception {
    int window = 256;
    section("2. Pipelined small calls on one connection",
        "64-byte calls from one thread with up to " + window + " in flight on one connection (gRPC: one"
            + " channel, default configuration, async stub; raw Netty: the length-prefixed echo of comparison 1,"
            + " one `writeAndFlush` per call from the calling thread, replies taken on the event loop);"
            + " calls per second, median and range of the rounds.");
    md.append("| system | median calls/s | min | max | ours/peer (median) |\n|---|---|---|---|---|\n");
    long roundNanos = TimeUnit.MILLISECONDS.toNanos(n(2_000, 5_000));
    int rounds = n(3, 8);
    try (BenchServiceClient ours = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("bench"))) {
      String[] grpcPorts = startServer("grpc").split(" ");
      String[] rawPorts = startServer("raw").split(" ");
      ManagedChannel grpc = Grpc.channel(Integer.parseInt(grpcPorts[0]), false);
      try (Peers.NettyPipelinedClient netty = new Peers.NettyPipelinedClient(Integer.parseInt(rawPorts[0]))) {
        Map<String, AsyncCaller> systems = new LinkedHashMap<>();
        systems.put("rpc-parallel", (p, done) -> ours.async().echo(p).whenComplete((r, e) -> done.run()));
        systems.put("rpc-parallel @OnEventLoop",
            (p, done) -> ours.async().echoOnLoop(p).whenComplete((r, e) -> done.run()));
        systems.put("gRPC default", (p, done) -> Grpc.echoAsync(grpc, p, done));
        systems.put("raw Netty", netty::echo);
        Map<String, Double> r = rates(systems.keySet(), rounds,
            name -> pipelineRound(systems.get(name), window, roundNanos), "%.0f");
        target("pipelined calls ≥ 0.5× raw Netty pipelined echo", r.get("raw Netty"), false, 0.5);
        target("pipelined calls ≥ 4× gRPC", r.get("gRPC default"), false, 4.0);
      } finally {
        grpc.shutdownNow();
      }
    } finally {
      killChildren();
    }
  }

  private double pipelineRound(AsyncCaller caller, int window, long nanos) throws InterruptedException {
    Semaphore room = new Semaphore(window);
    LongAdder done = new LongAdder();
    byte[] payload = new byte[64];
    Runnable release = () -> {
      done.increment();
      room.release();
    };
    long t0 = System.nanoTime();
    long end = t0 + nanos;
    while (System.nanoTime() < end) {
      room.acquire();
      caller.call(payload, release);
    }
    room.acquire(window);
    return done.sum() / ((System.nanoTime() - t0) / 1e9);
  }

  private interface Round {
    double run(String system) throws Exception;
  }

  /** A warm-up round each, then rounds taking turns; a table row per system. */
  /** Returns ours/peer of the medians, by peer. */
  private Map<String, Double> rates(Iterable<String> systems, int rounds, Round round, String format) throws Exception {
    Map<String, double[]> results = new LinkedHashMap<>();
    for (String s : systems) {
      round.run(s);
      results.put(s, new double[rounds]);
    }
    for (int r = 0; r < rounds; r++) {
      for (String s : systems) {
        results.get(s)[r] = round.run(s);
      }
    }
    double mine = median(results.get("rpc-parallel"));
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (var e : results.entrySet()) {
      double[] v = e.getValue().clone();
      Arrays.sort(v);
      ratios.put(e.getKey(), mine / median(v));
      md.append("| ").append(e.getKey()).append(" | ").append(String.format(format, median(v))).append(" | ")
          .append(String.format(format, v[0])).append(" | ").append(String.format(format, v[v.length - 1]))
          .append(" | ").append(String.format("%.2f×", mine / median(v))).append(" |\n");
    }
    return ratios;
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Streams

  private void streams() throws Exception {
    section("3. Streams, worker to caller",
        "One stream at a time of N items of the same size, from the server JVM to the caller, which"
            + " counts the bytes; each round streams again and again for at least " + n(1, 2) + " s."
            + " Ours is a direct pipe (`void items(int, long, StreamWriter<byte[]>)`) with"
            + " its credit-based flow control; gRPC is server streaming that writes while `isReady()`;"
            + " raw TCP is a plain socket writing through a 64 KiB buffer.");
    md.append("| item | system | median | min | max | ours/peer (median) |\n|---|---|---|---|---|---|\n");
    int rounds = n(5, 8);
    // Each round streams for at least this long (as many streams of N items as fit): a single
    // stream of raw TCP lasted 30-100 ms, short enough for one scheduling hiccup to move it 2-3x.
    long roundNanos = TimeUnit.MILLISECONDS.toNanos(n(1_000, 2_000));
    try (BenchServiceClient ours = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("bench"))) {
      String[] grpcPorts = startServer("grpc").split(" ");
      String[] rawPorts = startServer("raw").split(" ");
      ManagedChannel grpc = Grpc.channel(Integer.parseInt(grpcPorts[0]), false);
      try (Peers.TcpClient tcp = new Peers.TcpClient(Integer.parseInt(rawPorts[1]))) {
        long[][] cases = {{1024, n(100_000, 500_000)}, {64 << 10, n(4_000, 16_000)}, {1 << 20, n(256, 1_000)}};
        String sizes = System.getProperty("bench.streamSizes", "");
        if (!sizes.isBlank()) {
          // For profiling one case: -Dbench.streamSizes=1048576
          cases = Arrays.stream(cases).filter(c -> Arrays.asList(sizes.split(",")).contains(String.valueOf(c[0])))
              .toArray(long[][]::new);
        }
        for (long[] c : cases) {
          int size = (int) c[0];
          long count = c[1];
          boolean small = size < 64 << 10;
          // msg/s for small items, GiB/s for chunks.
          double amount = small ? count : (double) size * count / (1 << 30);
          String label = (size >= 1 << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB")
              + (small ? " (msg/s)" : " (GiB/s)");
          int mark = md.length();
          Map<String, Double> r = rates(List.of("rpc-parallel", "gRPC default", "raw TCP"), rounds, s -> switch (s) {
            case "rpc-parallel" -> timedFor(roundNanos, () -> oursItems(ours, size, count), amount);
            case "gRPC default" -> timedFor(roundNanos, () -> Grpc.items(grpc, size, count), amount);
            default -> timedFor(roundNanos, () -> tcp.items(size, count), amount);
          }, small ? "%.0f" : "%.2f");
          if (small) {
            target("1 KiB stream ≥ 1.5× gRPC", r.get("gRPC default"), false, 1.5);
          } else {
            target(label.substring(0, label.indexOf(' ', 3)) + " stream ≥ 0.8× raw TCP", r.get("raw TCP"), false, 0.8);
          }
          // Prefix this case's rows with the item size.
          String rows = md.substring(mark);
          md.setLength(mark);
          for (String row : rows.split("\n")) {
            md.append("| ").append(label).append(' ').append(row).append('\n');
          }
        }
      } finally {
        grpc.shutdownNow();
      }
    } finally {
      killChildren();
    }
  }

  private interface Body {
    long run() throws Exception;
  }

  /** Runs {@code body} (one stream of {@code amount}) again and again for at least {@code nanos}; the rate of all. */
  private static double timedFor(long nanos, Body body, double amount) throws Exception {
    long t0 = System.nanoTime();
    long elapsed;
    int streams = 0;
    do {
      body.run();
      streams++;
      elapsed = System.nanoTime() - t0;
    } while (elapsed < nanos);
    return streams * amount / (elapsed / 1e9);
  }

  static long oursItems(BenchServiceClient client, int size, long count) throws Exception {
    long[] bytes = {0};
    CompletableFuture<Void> closed = new CompletableFuture<>();
    client.items(size, count, new StreamWriter<>() {
      @Override public void write(byte[] item) {
        bytes[0] += item.length;
      }

      @Override public void close() {
        closed.complete(null);
      }

      @Override public void fail(Throwable error) {
        closed.completeExceptionally(error);
      }

      @Override public CompletableFuture<Void> closed() {
        return closed;
      }
    });
    closed.get(10, TimeUnit.MINUTES);
    if (bytes[0] != (long) size * count) {
      throw new IllegalStateException("got " + bytes[0] + " bytes");
    }
    return bytes[0];
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Spawn

  /** A directory for the floor and Netty children's own AppCDS archives (the newer-JDK row). */
  private static final String FLOOR_ARCHIVES = "bench.floorArchives";

  private void spawn(Path spawnRowsOtherJdk) throws Exception {
    log("4/7 spawn");
    section("4. Spawn to first call answered",
        "Time from starting the child JVM to the first answer over its socket; each spawn is cold"
            + " (a new JVM). The floor is a child JVM on the same class path that only connects back and writes"
            + " a byte; the Netty child does the same through a Netty client (one event loop), which shows what"
            + " loading and starting Netty alone costs. Ours runs with its default settings: workers map their"
            + " classes from the class-data archive the first worker wrote (warm-up rounds write it); \"CDS off\""
            + " is the same spawn with `-Drpcparallel.cds=off`, in the same rounds. The newer JDK's row gives the floor"
            + " and Netty children an AppCDS archive of their own (`-XX:+AutoCreateSharedArchive`): their floor at its best.");
    md.append("| JDK | ours p50 | ours p99 | ours, CDS off p50 | floor p50 | floor p99 | ours/floor p50 | Netty child p50 | ours/Netty child p50 |\n"
        + "|---|---|---|---|---|---|---|---|---|\n");
    md.append(spawnRows(String.valueOf(Runtime.version().feature())));
    target("spawn ≤ 2.0× the plain-socket JVM child (JDK " + Runtime.version().feature() + ", default settings)",
        lastSpawnRatio, true, 2.0);
    if (spawnRowsOtherJdk != null && Files.exists(spawnRowsOtherJdk)) {
      md.append(Files.readString(spawnRowsOtherJdk));
    }
  }

  /** Table rows: ours vs the plain-socket child, alternating, each spawn a cold JVM. */
  private String spawnRows(String jdk) throws Exception {
    int rounds = n(6, 20);
    Histogram ours = new Histogram(3);
    Histogram floor = new Histogram(3);
    Histogram netty = new Histogram(3);
    Histogram oursOff = new Histogram(3);
    byte[] payload = new byte[64];
    for (int r = -3; r < rounds; r++) { // warm-ups: the first writes the workers' class-data archive
      long t0 = System.nanoTime();
      long pid;
      try (BenchServiceClient c = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("spawn"))) {
        c.echo(payload);
        if (r >= 0) {
          ours.recordValue(System.nanoTime() - t0);
        }
        pid = c.pid();
      }
      if (r == -3) {
        // The archive is written when that worker exits, then made and checked: wait for it.
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        awaitArchive();
      }
      Thread.sleep(200);
      System.setProperty("rpcparallel.cds", "off");
      try {
        long t1 = System.nanoTime();
        try (BenchServiceClient c = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("spawn"))) {
          c.echo(payload);
          if (r >= 0) {
            oursOff.recordValue(System.nanoTime() - t1);
          }
        }
      } finally {
        System.clearProperty("rpcparallel.cds");
      }
      Thread.sleep(200);
      long f = childSpawn("child");
      if (r >= 0) {
        floor.recordValue(f);
      }
      Thread.sleep(200);
      long n = childSpawn("netty-child");
      if (r >= 0) {
        netty.recordValue(n);
      }
      Thread.sleep(200);
    }
    lastSpawnRatio = ours.getValueAtPercentile(50) / (double) floor.getValueAtPercentile(50);
    return "| " + jdk + " | " + ms(ours.getValueAtPercentile(50)) + " ms | " + ms(ours.getValueAtPercentile(99))
        + " ms | " + ms(oursOff.getValueAtPercentile(50)) + " ms | " + ms(floor.getValueAtPercentile(50)) + " ms | " + ms(floor.getValueAtPercentile(99)) + " ms | "
        + ratio(ours.getValueAtPercentile(50), floor.getValueAtPercentile(50)) + " | "
        + ms(netty.getValueAtPercentile(50)) + " ms | " + ratio(ours.getValueAtPercentile(50), netty.getValueAtPercentile(50))
        + " |\n";
  }

  /** Waits (up to 60 s) until the workers' class-data archive or AOT cache is in the cache directory. */
  private void awaitArchive() throws Exception {
    String dir = System.getProperty("rpcparallel.cacheDir");
    if (dir == null) {
      Thread.sleep(1000);
      return;
    }
    Path cds = Path.of(dir, "cds");
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(cds)) {
        try (var s = Files.newDirectoryStream(cds, "*-*.{jsa,aot}")) {
          if (s.iterator().hasNext()) {
            return;
          }
        }
      }
      Thread.sleep(50);
    }
    log("no class-data archive appeared in " + cds);
  }

  private long childSpawn(String mode) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long t0 = System.nanoTime();
      List<String> cmd = javaCommand(Peers.class);
      String floorArchives = System.getProperty(FLOOR_ARCHIVES);
      if (floorArchives != null) {
        // The floor at its best: the child gets an archive of its own classes.
        cmd.add(cmd.size() - 1, "-XX:SharedArchiveFile=" + Path.of(floorArchives).resolve(mode + ".jsa"));
        cmd.add(cmd.size() - 1, "-XX:+AutoCreateSharedArchive");
      }
      cmd.add(mode);
      cmd.add(String.valueOf(server.getLocalPort()));
      Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (Socket s = server.accept()) {
        if (s.getInputStream().read() != 1) {
          throw new IllegalStateException("child wrote nothing");
        }
        long elapsed = System.nanoTime() - t0;
        p.waitFor(30, TimeUnit.SECONDS);
        return elapsed;
      } finally {
        p.destroyForcibly();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 5. Parallel speed-up

  private void parallel() throws Exception {
    int tasks = n(300, 2_000);
    long iterations = calibrate();
    section("5. Parallel speed-up on CPU-bound work",
        tasks + " tasks of about 10 ms of CPU each (" + iterations + " rounds of an xorshift loop), in one"
            + " thread in this JVM vs `MapReduce.map` over 1 and 2 pre-spawned, warmed workers (spawn time"
            + " excluded; see comparison 4), timed from the job's start to its last output, with 1 task in flight per"
            + " worker and with the default (`maxInFlightPerWorker`). Overhead per task = (time on 1 worker − time"
            + " in-process) / tasks, and directly: the time per empty task on 1 worker.");
    md.append("| run | wall time s | speed-up vs in-process | speed-up vs 1 worker | overhead per task |\n"
        + "|---|---|---|---|---|\n");
    List<Long> inputs = LongStream.range(0, tasks).map(i -> iterations + (i & 1)).boxed().toList();
    for (int i = 0; i < 30; i++) {
      Work.burn(iterations); // the same warm-up the workers get
    }
    double inProcess = inThreads(1, inputs);
    double inProcess2 = inThreads(2, inputs);
    // One task in flight per worker (a worker never runs two at once, but waits for its next task
    // between tasks), and the default of 4 (the next tasks wait on the worker's connection; a
    // worker may run up to 4 at once).
    double one = mapOn(1, inputs, 1);
    double two = mapOn(2, inputs, 1);
    int dflt = MapReduceConfig.local(1).maxInFlightPerWorker();
    double oneDefault = mapOn(1, inputs, dflt);
    double twoDefault = mapOn(2, inputs, dflt);
    List<Long> empty = LongStream.range(0, n(2_000, 20_000)).map(i -> 0).boxed().toList();
    double emptyOne = mapOn(1, empty, 1);
    double emptyDefault = mapOn(1, empty, dflt);
    md.append(String.format("| in-process, 1 thread | %.2f | 1.00× | – | – |%n", inProcess));
    md.append(String.format("| in-process, 2 threads (the machine's ceiling) | %.2f | %.2f× | – | – |%n", inProcess2,
        inProcess / inProcess2));
    md.append(String.format("| 1 worker, 1 task in flight | %.2f | %.2f× | 1.00× | %.3f ms |%n", one, inProcess / one,
        (one - inProcess) * 1e3 / tasks));
    md.append(String.format("| 2 workers, 1 task in flight each | %.2f | %.2f× | %.2f× | – |%n", two, inProcess / two,
        one / two));
    md.append(String.format("| 1 worker, %d in flight (default) | %.2f | %.2f× | %.2f× | – |%n", dflt, oneDefault,
        inProcess / oneDefault, one / oneDefault));
    md.append(String.format("| 2 workers, %d in flight each (default) | %.2f | %.2f× | %.2f× | – |%n", dflt, twoDefault,
        inProcess / twoDefault, one / twoDefault));
    target("2 workers on 10 ms tasks ≥ 0.95× the 2-thread ceiling (default settings)", inProcess2 / twoDefault, false,
        0.95);
    md.append(String.format("| 1 worker, %d empty tasks, 1 in flight | %.2f | – | – | %.1f µs |%n", empty.size(),
        emptyOne, emptyOne * 1e6 / empty.size()));
    md.append(String.format("| 1 worker, %d empty tasks, %d in flight (default) | %.2f | – | – | %.1f µs |%n",
        empty.size(), dflt, emptyDefault, emptyDefault * 1e6 / empty.size()));
    target("empty task on 1 worker ≤ 50 µs, default settings (as a multiple of 50 µs)",
        emptyDefault * 1e6 / empty.size() / 50, true, 1.0);
  }

  /** Wall time of the inputs shared out to {@code threads} threads of this JVM. */
  private static double inThreads(int threads, List<Long> inputs) throws InterruptedException {
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    long[] sinks = new long[threads];
    Thread[] all = new Thread[threads];
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int me = t;
      all[t] = new Thread(() -> {
        for (int i; (i = next.getAndIncrement()) < inputs.size(); ) {
          sinks[me] += Work.burn(inputs.get(i));
        }
      }, "burn-" + t);
      all[t].start();
    }
    for (Thread t : all) {
      t.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (Arrays.stream(sinks).sum() == 42) {
      log("(a sink the JIT cannot drop)");
    }
    return seconds;
  }

  private static long calibrate() {
    for (int i = 0; i < 20; i++) {
      Work.burn(2_000_000);
    }
    long n = 20_000_000;
    long t0 = System.nanoTime();
    Work.burn(n);
    double perIteration = (System.nanoTime() - t0) / (double) n;
    return (long) (10_000_000 / perIteration);
  }

  private double mapOn(int workers, List<Long> inputs, int inFlight) throws Exception {
    long iterations = inputs.get(0);
    BenchServiceClient[] clients = new BenchServiceClient[workers];
    try {
      for (int i = 0; i < workers; i++) {
        clients[i] = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("map-" + i));
      }
      for (BenchServiceClient c : clients) {
        for (int i = 0; i < 30; i++) {
          c.burn(iterations);
        }
      }
      long t0 = System.nanoTime();
      long[] last = new long[1];
      int[] seen = new int[1];
      try (MapResults<Long> results = MapReduce.map(MapReduceConfig.local(workers).withMaxInFlightPerWorker(inFlight), (i, options) -> clients[i],
          inputs, (w, x) -> w.async().burn(x))) {
        // Until the last output: the job's end also shuts its workers down, which is not the work.
        results.forEachRemaining(x -> {
          if (++seen[0] == inputs.size()) {
            last[0] = System.nanoTime();
          }
        });
      }
      return (last[0] - t0) / 1e9;
    } finally {
      for (BenchServiceClient c : clients) {
        if (c != null) {
          c.close();
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Many workers

  private void manyWorkers() throws Exception {
    section("7. Many workers",
        "Spawning several workers at once on this 2-core machine, against one spawn (spawn to first call"
            + " answered, median of the rounds); then one master with pools of local workers: a `mapUnordered`"
            + " of 200 `pid()` tasks per worker over a fresh pool, where no answer is let through until every"
            + " worker of the pool has answered once or 4 minutes have passed (so the job spans the pool's start"
            + " and every worker works),"
            + " with the master's threads, open descriptors and RSS sampled every 100 ms (peaks; first row: the"
            + " same master idle), and the workers' RSS summed. The JDK starts one `process reaper` thread per"
            + " child process (see RESULTS-notes.md); the master's other threads are counted apart.");
    int rounds = n(2, 3);
    List<Long> one = new ArrayList<>();
    List<Long> eight = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      one.add(spawnAtOnce(1));
      eight.add(spawnAtOnce(8));
    }
    long oneMs = median(one);
    long eightMs = median(eight);
    md.append("| spawned at once | time ms | × one spawn |\n|---|---|---|\n");
    md.append("| 1 | " + oneMs + " | 1.00× |\n");
    md.append("| 8 | " + eightMs + " | " + String.format("%.2f×", eightMs / (double) oneMs) + " |\n\n");
    target("8 workers spawned at once ≤ 3× one spawn", eightMs / (double) oneMs, true, 3.0);

    md.append("| workers in the pool | job s | workers that answered, of peak live | master threads (peak)"
        + " | JDK process reapers (peak) | other master threads (peak) | master fds (peak) | master RSS MiB (peak)"
        + " | workers' RSS MiB (peak sum) |\n|---|---|---|---|---|---|---|---|---|\n");
    int[] idle = threadCounts();
    md.append(String.format("| 0 (idle master) | – | – | %d | %d | %d | %d | %.1f | – |%n", idle[0], idle[1],
        idle[0] - idle[1], fds(), rssKib(ProcessHandle.current().pid()) / 1024.0));
    // -Dbench.pools=10,50,100 measures other pool sizes (a quick run with the full run's pools, say).
    String pools = System.getProperty("bench.pools", quick ? "10,25" : "10,50,100");
    for (String workers : pools.split(",")) {
      md.append(pool(Integer.parseInt(workers.strip())));
    }
  }

  /** Spawns {@code n} workers from {@code n} threads at once; the time until the last has answered a call. */
  private static long spawnAtOnce(int n) throws Exception {
    List<java.util.concurrent.CompletableFuture<BenchServiceClient>> spawns = new ArrayList<>();
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String name = "at-once-" + i;
      spawns.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        BenchServiceClient c = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class,
            SpawnOptions.named(name).withSpawnTimeout(java.time.Duration.ofMinutes(2)));
        c.echo(new byte[64]);
        return c;
      }, threads));
    }
    List<BenchServiceClient> clients = new ArrayList<>();
    try {
      for (var f : spawns) {
        clients.add(f.get());
      }
    } finally {
      threads.shutdown();
    }
    long elapsed = (System.nanoTime() - t0) / 1_000_000;
    for (BenchServiceClient c : clients) {
      c.close();
    }
    Thread.sleep(500);
    return elapsed;
  }

  private static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    java.util.Collections.sort(s);
    return s.get(s.size() / 2);
  }

  /** This JVM's live threads: all of them, and the JDK's process reapers among them. */
  private static int[] threadCounts() {
    int all = 0;
    int reapers = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      all++;
      // "process reaper", or "process reaper (pid N)" while it waits (ProcessHandleImpl.completion).
      if (t.getName().startsWith("process reaper")) {
        reapers++;
      }
    }
    return new int[] {all, reapers};
  }

  /** This JVM's threads by name, numbers taken out ("rpc-parallel-exec-7" counts as "rpc-parallel-exec-#"). */
  private static Map<String, Integer> threadNames() {
    Map<String, Integer> names = new java.util.TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return names;
  }

  private static long fds() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  /**
   * One job over a fresh pool of {@code workers}; the master sampled every 100 ms, the peaks kept.
   * No answer is let through before every worker has answered once: otherwise the first workers to
   * come up finish the job while the last are still starting (about one spawn a second here).
   */
  private String pool(int workers) throws Exception {
    List<Long> inputs = new ArrayList<>();
    for (long i = 0; i < workers * 200L; i++) {
      inputs.add(i);
    }
    long[] peak = new long[7]; // threads, fds, master RSS KiB, live workers, workers' RSS KiB, reapers, others
    Map<String, Integer> namesAtPeak = new java.util.TreeMap<>();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread sampler = new Thread(() -> {
      while (!done.get()) {
        try {
          List<ProcessHandle> kids = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
              .collect(java.util.stream.Collectors.toList());
          long kidsRss = 0;
          for (ProcessHandle k : kids) {
            try {
              kidsRss += rssKib(k.pid());
            } catch (IOException e) {
              // gone meanwhile
            }
          }
          int[] threads = threadCounts();
          synchronized (peak) {
            if (threads[0] - threads[1] > peak[6]) {
              namesAtPeak.clear();
              namesAtPeak.putAll(threadNames());
            }
            peak[0] = Math.max(peak[0], threads[0]);
            peak[1] = Math.max(peak[1], fds());
            peak[2] = Math.max(peak[2], rssKib(ProcessHandle.current().pid()));
            peak[3] = Math.max(peak[3], kids.size());
            peak[4] = Math.max(peak[4], kidsRss);
            peak[5] = Math.max(peak[5], threads[1]);
            peak[6] = Math.max(peak[6], threads[0] - threads[1]);
          }
          Thread.sleep(100);
        } catch (IOException | InterruptedException e) {
          return;
        }
      }
    }, "bench-sampler");
    long t0 = System.nanoTime();
    MapReduceConfig config = MapReduceConfig.local(workers).withSpawnOptions(i -> SpawnOptions.named("pool-" + i)
        .withSpawnTimeout(java.time.Duration.ofMinutes(5)));
    java.util.Set<Long> pids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // Opens anyway after a while: a pool whose spawns fail never has every worker answer.
    CompletableFuture<Void> allAnswered = new CompletableFuture<Void>().completeOnTimeout(null, 4, TimeUnit.MINUTES);
    sampler.start();
    try (MapResults<io.rpcparallel.Indexed<Long>> results = MapReduce.mapUnordered(config,
        (i, options) -> BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, options), inputs,
        (w, x) -> w.async().pid().thenCompose(pid -> {
          pids.add(pid);
          if (pids.size() >= workers) {
            allAnswered.complete(null);
          }
          return allAnswered.thenApply(v -> pid);
        }))) {
      results.forEachRemaining(r -> { });
    } finally {
      done.set(true);
      sampler.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    synchronized (peak) {
      log("pool of " + workers + ": master threads by name at the peak of those other than reapers: " + namesAtPeak);
      return String.format("| %d | %.1f | %d of %d | %d | %d | %d | %d | %.1f | %.0f |%n", workers, seconds, pids.size(),
          peak[3], peak[0], peak[5], peak[6], peak[1], peak[2] / 1024.0, peak[4] / 1024.0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Memory

  private void memory() throws Exception {
    section("6. Memory of an idle server",
        "Resident set size (VmRSS) of the server JVM after one 64-byte echo and 2 s idle: our worker vs"
            + " a JVM running only a Netty length-prefixed echo server. Same JVM flags.");
    md.append("| system | VmRSS MiB | ours/peer |\n|---|---|---|\n");
    long ours;
    try (BenchServiceClient c = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class, SpawnOptions.named("idle"))) {
      c.echo(new byte[64]);
      long pid = c.pid();
      Thread.sleep(2_000);
      ours = rssKib(pid);
    }
    long netty;
    try {
      Process p = startChildJava("echo");
      int port = Integer.parseInt(firstLine(p));
      try (Peers.NettyClient client = new Peers.NettyClient(port)) {
        client.echo(new byte[64]);
        Thread.sleep(2_000);
        netty = rssKib(p.pid());
      }
    } finally {
      killChildren();
    }
    md.append(String.format("| rpc-parallel worker | %.1f | %s |%n", ours / 1024.0, ratio(ours, ours)));
    md.append(String.format("| bare Netty echo | %.1f | %s |%n", netty / 1024.0, ratio(ours, netty)));
  }

  private static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }

  // ---------------------------------------------------------------------------------------------
  // Processes and formatting

  private String startServer(String mode) throws IOException {
    return firstLine(startChildJava(mode));
  }

  private Process startChildJava(String mode) throws IOException {
    List<String> cmd = javaCommand(Peers.class);
    cmd.add(mode);
    return startChild(cmd);
  }

  // ---------------------------------------------------------------------------------------------
  // 9. TLS's cost

  private void tlsCost() throws Exception {
    section("9. TLS's cost",
        "rpc-parallel against itself: the same blocking call (64 B), pipelined calls (64 B, up to 256 in flight)"
            + " and stream of 1 MiB items, with `transport_security=none` (plain, as local workers run under the"
            + " default `auto`), and with `transport_security=tls` on the JDK's TLS provider and on OpenSSL"
            + " (`netty-tcnative-boringssl-static`). Each row runs in a driver JVM of its own (the mode is per"
            + " process) that spawns its worker; rows take turns, medians of the rounds.");
    Map<String, List<String>> systems = new LinkedHashMap<>();
    systems.put("plain (none)", List.of("-Dbench.expectTls=false"));
    systems.put("TLS, JDK provider", List.of("-Dbench.expectTls=true", "-Drpcparallel.tls.provider=jdk"));
    if (io.netty.handler.ssl.OpenSsl.isAvailable()) {
      systems.put("TLS, OpenSSL (tcnative)", List.of("-Dbench.expectTls=true", "-Drpcparallel.tls.provider=openssl"));
    } else {
      log("OpenSSL (tcnative) is not available: no row for it");
    }
    long millis = n(1_500, 4_000);
    Map<String, ProcessBuilder> runs = new LinkedHashMap<>();
    for (var e : systems.entrySet()) {
      List<String> cmd = new ArrayList<>(javaCommand(TlsCost.class));
      cmd.addAll(cmd.indexOf("-cp"), e.getValue());
      cmd.add(String.valueOf(millis));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().put("RPC_PARALLEL_RPC_SETTINGS", e.getKey().startsWith("plain")
          ? "transport_security=none" : "transport_security=tls");
      runs.put(e.getKey(), pb);
    }
    Map<String, List<double[]>> got = childRounds(runs, "TLS cost");
    md.append("| system | blocking p50 µs | pipelined calls/s | 1 MiB stream MiB/s | p50 vs plain | calls/s vs plain |"
        + " MiB/s vs plain |\n|---|---|---|---|---|---|---|\n");
    double[] plain = null;
    for (var e : got.entrySet()) {
      double[] m = medians(e.getValue(), 3);
      if (plain == null) {
        plain = m;
      }
      md.append("| ").append(e.getKey()).append(String.format(" | %.1f | %.0f | %.0f | ", m[0], m[1], m[2]))
          .append(ratio(m[0], plain[0])).append(" | ").append(ratio(m[1], plain[1])).append(" | ")
          .append(ratio(m[2], plain[2])).append(" |\n");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 10. An open dashboard's cost

  private void dashboardCost() throws Exception {
    section("10. An open dashboard's cost",
        "rpc-parallel against itself: the blocking call (64 B) and pipelined calls (64 B, up to 256 in flight)"
            + " with no dashboard, with a dashboard that no page watches, and with a dashboard whose event stream"
            + " is open and read (as a browser's page does: calls are then counted per method and an event is"
            + " sent twice a second). Each row runs in a driver JVM of its own that spawns its worker and makes calls"
            + " for 2 s before measuring (the open page has had its first events by then); rows take turns, medians"
            + " of the rounds.");
    Map<String, String> systems = new LinkedHashMap<>();
    systems.put("no dashboard", "none");
    systems.put("dashboard, no page open", "idle");
    systems.put("dashboard, a page open", "open");
    long millis = n(1_500, 4_000);
    Map<String, ProcessBuilder> runs = new LinkedHashMap<>();
    for (var e : systems.entrySet()) {
      List<String> cmd = new ArrayList<>(javaCommand(DashboardCost.class));
      cmd.add(String.valueOf(millis));
      cmd.add(e.getValue());
      runs.put(e.getKey(), new ProcessBuilder(cmd));
    }
    Map<String, List<double[]>> got = childRounds(runs, "dashboard cost");
    md.append("| system | blocking p50 µs | pipelined calls/s | p50 vs none | calls/s vs none |\n"
        + "|---|---|---|---|---|\n");
    double[] none = null;
    for (var e : got.entrySet()) {
      double[] m = medians(e.getValue(), 2);
      if (none == null) {
        none = m;
      }
      md.append("| ").append(e.getKey()).append(String.format(" | %.1f | %.0f | ", m[0], m[1]))
          .append(ratio(m[0], none[0])).append(" | ").append(ratio(m[1], none[1])).append(" |\n");
      if (e.getValue().equals(got.get("dashboard, a page open"))) {
        target("pipelined calls with a dashboard page open ≥ 0.95× none", m[1] / none[1], false, 0.95);
      }
    }
    // Rows in JVMs of their own also differ by their JVM and worker: the blocking call once more in
    // one JVM, the page closed and open by turns.
    List<String> cmd = new ArrayList<>(javaCommand(DashboardCost.class));
    cmd.add(String.valueOf(millis));
    cmd.add("alternate");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    synchronized (children) {
      children.add(p);
    }
    String line = firstLine(p);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the dashboard cost's alternate run failed");
    }
    double[] alt = Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray();
    md.append(String.format("%nIn one JVM with one worker, the page closed and open by turns (three times each): blocking"
        + " p50 %.1f µs closed, %.1f µs open (%s).%n", alt[0], alt[1], ratio(alt[1], alt[0])));
  }

  /**
   * Runs each system's child JVM once a round, the systems taking turns, {@code n(3, 5)} rounds;
   * each child prints one line of figures.
   */
  private Map<String, List<double[]>> childRounds(Map<String, ProcessBuilder> systems, String what) throws Exception {
    Map<String, List<double[]>> got = new LinkedHashMap<>();
    systems.keySet().forEach(k -> got.put(k, new ArrayList<>()));
    for (int r = 0; r < n(3, 5); r++) {
      for (var e : systems.entrySet()) {
        Process p = e.getValue().redirectError(ProcessBuilder.Redirect.INHERIT).start();
        synchronized (children) {
          children.add(p);
        }
        String line = firstLine(p);
        if (p.waitFor() != 0) {
          throw new IllegalStateException("the " + what + " run of " + e.getKey() + " failed");
        }
        got.get(e.getKey()).add(Arrays.stream(line.split(" ")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    return got;
  }

  /** The median of each of the first {@code columns} columns of {@code rows}. */
  private static double[] medians(List<double[]> rows, int columns) {
    double[] m = new double[columns];
    for (int i = 0; i < columns; i++) {
      int col = i;
      m[i] = median(rows.stream().mapToDouble(v -> v[col]).toArray());
    }
    return m;
  }

  /** java, this JVM's flags (so the same heap), this class path, then {@code main}. */
  private static List<String> javaCommand(Class<?> main) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    return cmd;
  }

  private Process startChild(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    synchronized (children) {
      children.add(p);
    }
    return p;
  }

  private static String firstLine(Process p) throws IOException {
    String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    if (line == null) {
      throw new IOException("server exited before printing its port");
    }
    return line.trim();
  }

  private void killChildren() {
    synchronized (children) {
      for (Process p : children) {
        try {
          p.getOutputStream().close();
        } catch (IOException e) {
          // it is being killed anyway
        }
        p.destroyForcibly();
      }
      for (Process p : children) {
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      children.clear();
    }
  }

  private void target(String what, double measured, boolean atMost, double bound) {
    boolean met = atMost ? measured <= bound : measured >= bound;
    targets.append("| ").append(what).append(" | ").append(String.format("%.2f×", measured)).append(" | ")
        .append(met ? "yes" : "**no**").append(" |\n");
  }

  private void section(String title, String text) {
    md.append("\n## ").append(title).append("\n\n").append(text).append("\n\n");
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String us(long nanos) {
    return String.format("%.1f", nanos / 1e3);
  }

  private static String ms(long nanos) {
    return String.format("%.0f", nanos / 1e6);
  }

  private static String ratio(double ours, double peer) {
    return String.format("%.2f×", ours / peer);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static void log(String message) {
    System.err.println("[bench] " + message);
  }
}
