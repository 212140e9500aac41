package io.rpcparallel.benchmarks.compare;

import io.rpcparallel.Dashboard;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One measurement of comparison 10 (an open dashboard's cost), in a JVM of its own: spawns a worker
 * and measures the blocking call (64 B, median µs) and pipelined calls (64 B, up to 256 in flight,
 * calls/s) with no dashboard ({@code none}), a dashboard no page watches ({@code idle}), or a
 * dashboard whose event stream is open and read, as a browser's page would ({@code open}), after
 * 2 s of calls in every mode (and the page's first event, when one is open). Prints
 * the two figures and the event-stream bytes read on one line. Mode {@code alternate} measures the
 * blocking call only, with a page closed and open by turns in this one JVM. Args: milliseconds per
 * measurement, the mode.
 */
public final class DashboardCost {
  private DashboardCost() {}

  public static void main(String[] args) throws Exception {
    long millis = Long.parseLong(args[0]);
    String mode = args[1];
    Dashboard dashboard = mode.equals("none") ? null : RpcParallel.startDashboard();
    Socket page = null;
    LongAdder read = new LongAdder();
    try (BenchServiceClient c = BenchServiceRpc.spawnAndConnect(BenchServiceImpl.class,
        SpawnOptions.named("dashboard-cost"))) {
      if (mode.equals("open")) {
        page = watch(dashboard.url(), read);
      }
      byte[] small = new byte[64];
      if (mode.equals("alternate")) {
        alternate(c, small, dashboard, millis);
      } else {
        measure(c, small, mode, millis, read);
      }
    } finally {
      if (page != null) {
        page.close();
      }
      if (dashboard != null) {
        dashboard.close();
      }
    }
    RpcParallel.shutdown(Duration.ofSeconds(2));
    System.exit(0);
  }

  /** The blocking call's p50 and the pipelined calls' rate, after 2 s of calls (and the page's first event). */
  private static void measure(BenchServiceClient c, byte[] small, String mode, long millis, LongAdder read)
      throws InterruptedException {
    // Every mode first makes calls for 2 s: the steady state is measured, not the page's start
    // (its first events, the JIT compiling the dashboard's code).
    long warm = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < warm || (mode.equals("open") && read.sum() == 0)) {
      c.echo(small);
    }
    double p50 = TlsCost.blockingP50(c, small, millis);
    TlsCost.pipelined(c, small, millis / 2);
    double calls = TlsCost.pipelined(c, small, millis);
    if (mode.equals("open") && read.sum() == 0) {
      throw new IllegalStateException("the open page got no events");
    }
    System.out.printf("%.1f %.0f %d%n", p50, calls, read.sum());
  }

  /**
   * The blocking call's p50 in one JVM and with one worker, with the page closed and open by turns
   * (three times each, in the order closed, open, open, closed, closed, open, after 2 s of calls
   * each time): prints the median of the closed periods' p50s and of the open ones'. Rows in JVMs
   * of their own differ by their JVM and worker too.
   */
  private static void alternate(BenchServiceClient c, byte[] small, Dashboard dashboard, long millis)
      throws Exception {
    List<Double> closed = new ArrayList<>();
    List<Double> open = new ArrayList<>();
    // Closed, open, open, closed, closed, open: each state comes first as often as second.
    boolean[] opened = {false, true, true, false, false, true};
    for (boolean withPage : opened) {
      LongAdder read = new LongAdder();
      Socket page = withPage ? watch(dashboard.url(), read) : null;
      long warm = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < warm || (page != null && read.sum() == 0)) {
        c.echo(small);
      }
      double p50 = TlsCost.blockingP50(c, small, millis);
      (page != null ? open : closed).add(p50);
      if (page != null) {
        page.close();
      }
    }
    Collections.sort(closed);
    Collections.sort(open);
    System.out.printf("%.1f %.1f%n", closed.get(1), open.get(1));
  }

  /** Opens the dashboard's event stream and reads it on a thread of its own, as a page does. */
  private static Socket watch(URI url, LongAdder read) throws IOException {
    Socket s = new Socket(url.getHost(), url.getPort());
    OutputStream out = s.getOutputStream();
    out.write(("GET /events?" + url.getQuery() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Thread reader = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = s.getInputStream()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          read.add(n);
        }
      } catch (IOException e) {
        // closed at the end of the run
      }
    }, "dashboard-page");
    reader.setDaemon(true);
    reader.start();
    return s;
  }
}
