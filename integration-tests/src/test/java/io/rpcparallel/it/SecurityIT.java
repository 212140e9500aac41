package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What travels between a master and a real worker process, seen by a recording TCP proxy between
 * them: under {@code transport_security=tls} no argument and no frame header in clear, and a peer
 * presenting a certificate of another run's CA refused by the worker's trust check before anything
 * is decoded; under {@code none}
 * (the control) both in clear.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecurityIT {
  @TempDir
  Path tmp;

  private Map<String, String> run(String settings) throws Exception {
    try (JavaProcess p = JavaProcess.start(Map.of("RPC_PARALLEL_RPC_SETTINGS", settings), SecurityProgram.class,
        tmp.resolve("worker-stderr.txt").toString())) {
      p.readUntil("DONE");
      assertEquals(0, p.awaitExit(), "the program ended cleanly: " + p.seen());
      System.out.println(settings + ": " + p.keyValues());
      return p.keyValues();
    }
  }

  @Test
  void underTlsTheProxySeesNothingInClearAndAStrangerOfAnotherRunIsRefused() throws Exception {
    Map<String, String> r = run("transport_security=tls,handshake_timeout=5s");
    assertWhatTheProxySaw(r, true);
    assertTrue(Integer.parseInt(r.get("PROXY_BYTES")) > 500, r.toString());
    String stranger = r.get("STRANGER");
    assertTrue(stranger.startsWith("refused: "), r.toString());
    assertEquals("0", r.get("TOTAL"), "no call ran for the stranger: " + r);
    String rejected = r.get("WORKER_REJECTED");
    assertTrue(rejected.contains("rejected connection from") && rejected.contains("TLS handshake failed"),
        "the worker says why it refused: " + rejected);
    // The stranger's certificate reached the worker's trust check, which refused it (not its absence:
    // "Empty client certificate chain", bad_certificate), and the stranger was told so.
    assertTrue(rejected.contains("PKIX path building failed") && !rejected.contains("Empty client certificate chain"),
        rejected);
    assertTrue(stranger.contains("certificate_unknown"), stranger);
    assertTrue(Files.exists(tmp.resolve("worker-stderr.txt")));
  }

  @Test
  void underNoneTheSameProxySeesTheArgumentAndTheFrames() throws Exception {
    Map<String, String> r = run("transport_security=none");
    assertWhatTheProxySaw(r, false);
    assertEquals("nothing", r.get("WORKER_REJECTED"), r.toString());
  }

  /**
   * The call through the proxy worked, on connections encrypted exactly when {@code tls}, and the
   * proxy saw the argument and the frames in clear exactly when not.
   */
  private static void assertWhatTheProxySaw(Map<String, String> r, boolean tls) {
    String encrypted = Boolean.toString(tls);
    String inClear = Boolean.toString(!tls);
    assertEquals(encrypted, r.get("WORKER_TLS"), r.toString());
    assertEquals(encrypted, r.get("DIRECT_ENCRYPTED"), r.toString());
    assertEquals(encrypted, r.get("PROXY_ENCRYPTED"), r.toString());
    assertEquals("true", r.get("ECHO"), r.toString());
    assertEquals(inClear, r.get("SAW_ARGUMENT"), r.toString());
    assertEquals(inClear, r.get("SAW_HEADER"), r.toString());
  }
}
