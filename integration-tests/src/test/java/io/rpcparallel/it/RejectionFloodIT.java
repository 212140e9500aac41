package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A flood of strangers does not flood the user's terminal: a worker logs the first few
 * rejections of an interval one by one and the rest as a count, and a client that merely closes
 * during its handshake is not logged as rejected.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RejectionFloodIT {
  private static final int STRANGERS = 300;
  private static final Pattern SUMMARY = Pattern.compile("rejected (\\d+) more connections to ");

  /** Reads the greeting, sends {@code bytes} (or nothing), and waits for the worker to close. */
  private static void visit(Worker<?> worker, byte[] bytes) throws IOException {
    try (Socket s = new Socket(worker.host(), worker.port())) {
      s.setSoTimeout(20_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      in.readFully(new byte[in.readInt()]);
      if (bytes == null) {
        return; // an ordinary close during the handshake
      }
      s.getOutputStream().write(bytes);
      InputStream raw = s.getInputStream();
      try {
        while (raw.read() >= 0) {
          // until the worker closes
        }
      } catch (IOException e) {
        // reset by the worker: closed too
      }
    }
  }

  @Test
  void rejectionsAreSummarisedAndOrdinaryClosesAreNotRejections() throws Exception {
    try (StderrCapture err = new StderrCapture()) {
      Worker<TestWorker> worker = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(0),
          SpawnOptions.named("flooded").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
      try (TestWorkerClient client = TestWorkerRpc.connect(worker)) {
        for (int i = 0; i < 50; i++) {
          visit(worker, null);
        }
        byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < STRANGERS; i++) {
          visit(worker, garbage);
        }
        assertEquals(1, client.add(1), "the worker stopped serving");
        // The count comes at the end of the interval in which the log went quiet.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int summarised = 0;
        while (System.nanoTime() < deadline && summarised + individual(err.text()) < STRANGERS) {
          summarised = summarised(err.text());
          if (summarised + individual(err.text()) < STRANGERS) {
            client.sleep(100); // a call, so the wait is on the worker
          }
        }
        String text = err.text();
        int logged = individual(text);
        assertEquals(STRANGERS, logged + summarised(text), "every rejection is logged or counted:\n" + text);
        assertTrue(logged <= 5 * 4, logged + " rejections logged one by one:\n" + text);
        assertFalse(text.contains("Connection reset"), text);
        client.control().shutdown();
      }
    }
  }

  private static int individual(String text) {
    return (int) text.lines().filter(l -> l.contains("rejected connection from")).count();
  }

  private static int summarised(String text) {
    int n = 0;
    Matcher m = SUMMARY.matcher(text);
    while (m.find()) {
      n += Integer.parseInt(m.group(1));
    }
    return n;
  }
}
