package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The pre-authentication limits against a real worker process: a flood of idle strangers holds
 * at most 64 of its descriptors (the rest are closed at once) while its real client's calls go
 * on, and every descriptor comes back once they leave; a stranger that pours megabytes of
 * garbage is cut off before the worker has read more than a few KiB of it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "counts the worker's descriptors in /proc/<pid>/fd")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PreAuthLimitIT {
  /** The limit the README states. */
  private static final int HELD = 64;
  private static final int STRANGERS = 3 * HELD;

  private static Worker<TestWorker> worker;
  private static TestWorkerClient client;
  private static long pid;

  @BeforeAll
  static void spawn() {
    worker = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("pre-auth").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    client = TestWorkerRpc.connect(worker);
    pid = client.pid();
  }

  @AfterAll
  static void shutdown() throws Exception {
    client.control().shutdown();
    client.close();
    Await.exit(pid);
  }

  private static long workerFds() throws IOException {
    try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return s.count();
    }
  }

  /** Waits (polling the worker's /proc entry, at most 20 s) until it has at most {@code max} descriptors. */
  private static long awaitFdsAtMost(long max) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long fds = workerFds();
    while (fds > max && System.nanoTime() < deadline) {
      client.sleep(50); // a call, so the wait is on the worker
      fds = workerFds();
    }
    return fds;
  }

  @Test
  void aFloodOfIdleStrangersHoldsAtMostTheLimit() throws Exception {
    long before = client.add(0);
    long baseline = workerFds();
    List<Socket> strangers = new ArrayList<>();
    try {
      int greeted = 0;
      int closedAtOnce = 0;
      for (int i = 0; i < STRANGERS; i++) {
        Socket s = new Socket(worker.host(), worker.port());
        strangers.add(s);
        s.setSoTimeout(20_000);
        // The worker either greets (the stranger holds a place until the handshake timeout) or
        // closes the connection at once: nothing else.
        DataInputStream in = new DataInputStream(s.getInputStream());
        int first = in.read();
        if (first < 0) {
          closedAtOnce++;
        } else {
          greeted++;
        }
      }
      assertEquals(HELD, greeted, "strangers greeted");
      assertEquals(STRANGERS - HELD, closedAtOnce, "strangers closed at once");
      long during = workerFds();
      assertTrue(during <= baseline + HELD + 4, "the worker holds " + during + " descriptors with "
          + STRANGERS + " strangers connected (" + baseline + " before)");
      assertEquals(before + 1, client.add(1), "the worker's real client was not served");
    } finally {
      for (Socket s : strangers) {
        s.close();
      }
    }
    long after = awaitFdsAtMost(baseline);
    assertTrue(after <= baseline, "the worker holds " + after + " descriptors after the strangers left ("
        + baseline + " before)");
  }

  @Test
  void aStrangerPouringGarbageIsCutOffEarly() throws Exception {
    long baseline = workerFds();
    long readBefore = bytesRead();
    long sent = 0;
    byte[] garbage = new byte[64 << 10];
    java.util.Arrays.fill(garbage, (byte) 0x5a); // lengths of 0x5a5a5a5a: far beyond a handshake frame
    try (Socket s = new Socket(worker.host(), worker.port())) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      s.setSoTimeout(20_000);
      new DataInputStream(in).readFully(new byte[4]); // the greeting's length: the worker is reading
      try {
        while (sent < (256L << 20)) {
          out.write(garbage);
          sent += garbage.length;
        }
      } catch (IOException e) {
        // reset by the worker: cut off
      }
    }
    long read = bytesRead() - readBefore;
    assertTrue(sent < (256L << 20), "the worker took 256 MiB of garbage without closing the connection");
    assertTrue(read < (1 << 20), "the worker read " + read + " bytes while a stranger sent " + sent);
    assertTrue(awaitFdsAtMost(baseline) <= baseline, "the stranger's descriptor was not given back");
    client.add(0);
  }

  /** Bytes the worker process has read from descriptors so far (/proc/<pid>/io rchar). */
  private static long bytesRead() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
      if (line.startsWith("rchar:")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new IllegalStateException("no rchar in /proc/" + pid + "/io");
  }
}
