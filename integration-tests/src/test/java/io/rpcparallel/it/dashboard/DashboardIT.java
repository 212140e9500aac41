package io.rpcparallel.it.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Dashboard;
import io.rpcparallel.RemoteException;
import io.rpcparallel.RpcParallel;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.internal.dashboard.DashboardServer;
import io.rpcparallel.it.Await;
import io.rpcparallel.it.DashWorkerClient;
import io.rpcparallel.it.DashWorkerImpl;
import io.rpcparallel.it.DashWorkerRpc;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard over HTTP: its token, its pages, and its snapshot and event stream of real workers. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardIT {
  private static String token(URI url) {
    return url.getQuery().substring("token=".length());
  }

  @Test
  void answersOnlyRequestsThatCarryItsToken() throws Exception {
    Dashboard d = RpcParallel.startDashboard();
    try {
      URI url = d.url();
      assertTrue(d.address().getAddress().isLoopbackAddress(), "listens on loopback by default: " + d.address());
      assertEquals("127.0.0.1", url.getHost());
      assertTrue(token(url).length() >= 32, "a long random token: " + url);
      assertSame(d.url(), RpcParallel.startDashboard().url(), "one dashboard per process");
      String t = token(url);

      for (String path : new String[] {"/", "/snapshot", "/events", "/dashboard.js", "/nothing",
          "/?token=", "/?token=" + t.substring(1), "/snapshot?token=" + t + "x", "/events?token=a&token=" + t}) {
        Http.Response r = Http.request(url, "GET", path);
        assertEquals(403, r.status(), path + " without the token");
        assertFalse(r.body().contains(t), "a 403 never shows the token");
      }
      assertEquals(403, Http.request(url, "POST", "/snapshot").status());

      Http.Response page = Http.request(url, "GET", "/?token=" + t);
      assertEquals(200, page.status());
      assertTrue(page.head().toLowerCase().contains("content-type: text/html"), page.head());
      assertTrue(page.head().toLowerCase().contains("referrer-policy: no-referrer"), page.head());
      assertTrue(page.body().contains("dashboard.js?token=" + t), "the page loads its script with the token");
      assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing from outside");
      Http.Response js = Http.request(url, "GET", "/dashboard.js?token=" + t);
      assertEquals(200, js.status());
      assertTrue(js.body().contains("EventSource"), "the script follows the event stream");
      assertEquals(200, Http.request(url, "GET", "/dashboard.css?token=" + t).status());
      assertEquals(404, Http.request(url, "GET", "/nothing?token=" + t).status());
      assertEquals(405, Http.request(url, "POST", "/snapshot?token=" + t).status());
      Http.Response snapshot = Http.request(url, "GET", "/snapshot?token=" + t);
      assertEquals(200, snapshot.status());
      assertTrue(snapshot.head().toLowerCase().contains("content-type: application/json"), snapshot.head());
      assertTrue(snapshot.body().startsWith("{\"time\":") && snapshot.body().endsWith("}"), snapshot.body());
    } finally {
      d.close();
    }
    assertThrows(ConnectException.class, () -> Http.request(d.url(), "GET", "/"));
    for (Thread th : Thread.getAllStackTraces().keySet()) {
      if (th.getName().startsWith("rpc-parallel-dashboard")) {
        th.join(10_000); // a loop's thread ends just after its termination is signalled
      }
    }
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(th -> th.isAlive() && th.getName().startsWith("rpc-parallel-dashboard")), "its thread ended");
  }

  @Test
  void showsRealWorkersTheirCallsAndLogsAndADeadWorkersExitStatus() throws Exception {
    Dashboard d = RpcParallel.startDashboard();
    try (DashWorkerClient a = DashWorkerRpc.spawnAndConnect(DashWorkerImpl.class, 0L, SpawnOptions.named("dash-a"));
        DashWorkerClient b = DashWorkerRpc.spawnAndConnect(DashWorkerImpl.class, 0L, SpawnOptions.named("dash-b"))) {
      String t = token(d.url());
      String snapshot = Http.request(d.url(), "GET", "/snapshot?token=" + t).body();
      assertTrue(snapshot.contains("\"name\":\"dash-a\"") && snapshot.contains("\"name\":\"dash-b\""), snapshot);
      assertTrue(snapshot.contains("\"how\":\"local\"") && snapshot.contains("\"shutdownOn\":\"CONNECTION_CLOSED\""),
          snapshot);

      try (Http.Events events = new Http.Events(d.url(), "/events?token=" + t)) {
        assertTrue(events.head.toLowerCase().contains("content-type: text/event-stream"), events.head);
        // Calls are counted, and logs followed, while a page is open: wait until b's log is followed.
        events.next(e -> e.matches(".*\"name\":\"dash-b\",[^}]*\"logFollowed\":true.*"));
        for (long i = 1; i <= 20; i++) {
          assertEquals(i * i, a.square(i));
        }
        assertThrows(RemoteException.class, () -> b.fail("on purpose"));
        b.say("hello dashboard");

        String seen = events.next(e -> e.contains("said hello dashboard")
            && e.matches(".*\"method\":\"DashWorker.square\",\"calls\":20,\"errors\":0.*")
            && e.matches(".*\"method\":\"DashWorker.fail\",\"calls\":1,\"errors\":1.*"));
        assertEquals(2, count(seen, "\"state\":\"up\""), seen);
        assertTrue(seen.matches(".*\"worker\":\"dash-b\",[^}]*\"level\":\"INFO\",[^}]*\"message\":\"said hello dashboard\".*"),
            seen);
        assertTrue(seen.matches(".*\"name\":\"dash-a\",[^}]*\"connections\":1,.*"), seen);

        Matcher pid = Pattern.compile("\"name\":\"dash-b\",[^}]*\"pid\":(\\d+)").matcher(seen);
        assertTrue(pid.find(), seen);
        ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow().destroyForcibly();
        Await.exit(Long.parseLong(pid.group(1)));
        String dead = events.next(e -> e.matches(".*\"name\":\"dash-b\",[^}]*\"state\":\"dead\",\"exitStatus\":137,.*"));
        assertEquals(1, count(dead, "\"state\":\"up\""), dead);
      }
    } finally {
      d.close();
    }
  }

  @Test
  void showsAStoppedWorkerAsStalledAndTheFiguresWorkersReportThemselves() throws Exception {
    Dashboard d = RpcParallel.startDashboard();
    try (DashWorkerClient a = DashWorkerRpc.spawnAndConnect(DashWorkerImpl.class, 0L, SpawnOptions.named("dash-s"))) {
      assertEquals(4, a.square(2));
      try (Http.Events events = new Http.Events(d.url(), "/events?token=" + token(d.url()))) {
        // Reported by the worker when asked, about once a second: two reports give a CPU figure.
        String up = events.next(e -> e.matches(".*\"name\":\"dash-s\",[^}]*\"state\":\"up\",[^}]*"
            + "\"cpuPercent\":[0-9.]+,\"rssBytes\":[1-9][0-9]*,\"heapUsedBytes\":[1-9][0-9]*.*"));
        Matcher pid = Pattern.compile("\"name\":\"dash-s\",[^}]*\"pid\":(\\d+)").matcher(up);
        assertTrue(pid.find(), up);
        signal("STOP", pid.group(1));
        try {
          // No heartbeat for two intervals (10 s by default): stalled, with how long it has been quiet.
          String stalled = events.next(e -> e.matches(
              ".*\"name\":\"dash-s\",[^}]*\"state\":\"stalled\",[^}]*\"quietMillis\":[0-9]{5,}.*"));
          assertTrue(stalled.contains("\"connections\":1"), stalled);
        } finally {
          signal("CONT", pid.group(1));
        }
        events.next(e -> e.matches(".*\"name\":\"dash-s\",[^}]*\"state\":\"up\".*"));
        assertEquals(9, a.square(3), "the worker carries on once it runs again");
      }
    } finally {
      d.close();
    }
  }

  @Test
  void showsOpenStreamsWithTheirItemAndByteRates() throws Exception {
    Dashboard d = RpcParallel.startDashboard();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicBoolean paused = new AtomicBoolean();
    Thread writer = null;
    try (DashWorkerClient a = DashWorkerRpc.spawnAndConnect(DashWorkerImpl.class, 0L, SpawnOptions.named("dash-st"));
        Http.Events events = new Http.Events(d.url(), "/events?token=" + token(d.url()))) {
      // From the worker: an item every 10 ms, read here.
      CountDownLatch hundredRead = new CountDownLatch(100);
      CompletableFuture<Void> ticksEnded = new CompletableFuture<>();
      AtomicReference<Flow.Subscription> ticks = new AtomicReference<>();
      a.ticks(10, StreamWriter.to(new Flow.Subscriber<Long>() {
        @Override public void onSubscribe(Flow.Subscription s) {
          ticks.set(s);
          s.request(Long.MAX_VALUE);
        }

        @Override public void onNext(Long item) {
          hundredRead.countDown();
        }

        @Override public void onError(Throwable t) {
          ticksEnded.completeExceptionally(t);
        }

        @Override public void onComplete() {
          ticksEnded.complete(null);
        }
      }));
      // To the worker: an item every 10 ms, written here, until paused.
      StreamWriter<Long> out = a.drain();
      writer = new Thread(() -> {
        try {
          for (long i = 0; writing.get(); ) {
            if (!paused.get()) {
              out.write(i++);
            }
            Thread.sleep(10);
          }
        } catch (InterruptedException | RuntimeException e) {
          // stopped
        }
      }, "drain-writer");
      writer.start();

      String row = "\\{\"workerId\":\"[^\"]+\",\"worker\":\"dash-st\",\"id\":\\d+,\"direction\":\"%s\",\"method\":\"%s\","
          + "\"builtin\":%s,\"items\":(\\d+),\"bytes\":(\\d+),\"itemsPerSecond\":([0-9.E]+|null),"
          + "\"bytesPerSecond\":([0-9.E]+|null),\"openMillis\":\\d+}";
      Pattern in = Pattern.compile(String.format(row, "in", "DashWorker.ticks", "false"));
      Pattern outRow = Pattern.compile(String.format(row, "out", "DashWorker.drain", "false"));
      Pattern logs = Pattern.compile(String.format(row, "in", "logs \\(built-in\\)", "true"));
      // Wait until both streams have moved 100 items (a second at least) and have rates.
      String seen = streams(events.next(e -> moving(in, streams(e), 100) && moving(outRow, streams(e), 100)
          && logs.matcher(streams(e)).find()));
      double bytesPerItem = -1;
      for (Pattern p : new Pattern[] {in, outRow}) {
        Matcher m = p.matcher(seen);
        assertTrue(m.find(), seen);
        long items = Long.parseLong(m.group(1));
        long bytes = Long.parseLong(m.group(2));
        double itemRate = Double.parseDouble(m.group(3));
        double byteRate = Double.parseDouble(m.group(4));
        // One item every 10 ms at most (some slack: a look may come late); every item is a long of
        // the same encoded size, counted alike in both directions.
        assertTrue(itemRate > 1 && itemRate <= 150, "items/s " + itemRate + " in " + m.group());
        assertEquals(bytes / (double) items, byteRate / itemRate, 0.5, m.group());
        if (bytesPerItem >= 0) {
          assertEquals(bytesPerItem, bytes / (double) items, 1e-9, seen);
        }
        bytesPerItem = bytes / (double) items;
      }
      assertTrue(hundredRead.await(Await.LIMIT.toSeconds(), TimeUnit.SECONDS), "the caller read the items counted");

      // The rate covers the last few seconds, not the stream's life: a paused writer's falls to 0.
      paused.set(true);
      String idle = streams(events.next(e -> {
        Matcher m = outRow.matcher(streams(e));
        return m.find() && m.group(3).equals("0.0");
      }));
      assertTrue(moving(in, idle, 100), "the other stream still moves: " + idle);

      // A stream's row goes when it ends, on either side.
      ticks.get().cancel();
      writing.set(false);
      writer.join(Await.LIMIT.toMillis());
      assertFalse(writer.isAlive(), "the writer stopped");
      out.close();
      events.next(e -> !streams(e).contains("DashWorker.") && streams(e).contains("\"worker\":\"dash-st\""));
      assertFalse(ticksEnded.isCompletedExceptionally(), "the worker's stream did not fail: " + ticksEnded);
    } finally {
      writing.set(false);
      if (writer != null) {
        writer.join(Await.LIMIT.toMillis());
      }
      d.close();
    }
  }

  /** The streams part of a snapshot. */
  private static String streams(String event) {
    int from = event.indexOf("\"streams\":[");
    int to = event.indexOf("],\"jobs\":", from);
    assertTrue(from >= 0 && to > from, event);
    return event.substring(from, to);
  }

  /** Whether {@code event} has a row of {@code row} with at least {@code items} items and a positive item rate. */
  private static boolean moving(Pattern row, String event, long items) {
    Matcher m = row.matcher(event);
    return m.find() && Long.parseLong(m.group(1)) >= items && !m.group(3).equals("null")
        && Double.parseDouble(m.group(3)) > 0;
  }

  private static void signal(String signal, String pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
  }

  @Test
  void startsFromItsSystemPropertyAtTheFirstSpawn() throws Exception {
    DashboardServer.stopCurrent(); // the property is read once per run of the runtime: read it again
    System.setProperty(Dashboard.PROPERTY, "true");
    try (DashWorkerClient a = DashWorkerRpc.spawnAndConnect(DashWorkerImpl.class, 0L, SpawnOptions.named("prop"))) {
      DashboardServer started = DashboardServer.running().orElseThrow(() -> new AssertionError("no dashboard started"));
      assertTrue(started.address().getAddress().isLoopbackAddress());
      String body = Http.request(started.url(), "GET", "/snapshot?token=" + token(started.url())).body();
      assertTrue(body.contains("\"name\":\"prop\""), body);
    } finally {
      System.clearProperty(Dashboard.PROPERTY);
      DashboardServer.stopCurrent();
    }
    assertTrue(DashboardServer.running().isEmpty());
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

}
