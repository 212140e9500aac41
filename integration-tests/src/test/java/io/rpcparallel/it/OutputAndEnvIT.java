package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.Redirect;
import io.rpcparallel.SpawnOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Redirects, environment and working directory reach the worker. */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutputAndEnvIT {

  @Test
  void redirectsAppendAndTruncate(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out.log");
    Path err = tmp.resolve("err.log");
    Files.writeString(out, "old out\n");
    Files.writeString(err, "stale err\n");
    long pid;
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("redirected").withStdout(Redirect.appendTo(out)).withStderr(Redirect.truncate(err)))) {
      pid = w.pid();
      w.printNow("new out", "new err");
    }
    Await.exit(pid);
    assertEquals(List.of("old out", "new out"), Files.readAllLines(out));
    List<String> errLines = Files.readAllLines(err);
    assertFalse(errLines.contains("stale err"), errLines.toString());
    assertEquals("new err", errLines.get(0));
    assertTrue(errLines.contains("initial client connection closed... Shutting down."), errLines.toString());
  }

  @Test
  void relativeRedirectsResolveAgainstTheWorkersDirectory(@TempDir Path tmp) throws Exception {
    long pid;
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.defaults().withCd(tmp).withStdout(Redirect.truncate(Path.of("rel.log")))
            .withStderr(Redirect.discard()))) {
      pid = w.pid();
      assertEquals(tmp.toRealPath().toString(), Path.of(w.cwd()).toRealPath().toString());
      w.printNow("relative", "dropped");
    }
    Await.exit(pid);
    assertEquals(List.of("relative"), Files.readAllLines(tmp.resolve("rel.log")));
  }

  @Test
  void envExtendsTheInheritedOneByteForByteAndCdDefaultsToRoot() {
    String tricky = "a 'single' \"double\" back\\slash !bang (paren) $HOME `tick` ; & | * ~ é\ttab";
    try (TestWorkerClient w = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.defaults().withEnv("RPC_IT_TRICKY", tricky).withEnv("RPC_IT_EMPTY", ""))) {
      assertEquals(tricky, w.env("RPC_IT_TRICKY"));
      assertEquals("", w.env("RPC_IT_EMPTY"));
      assertEquals(System.getenv("PATH"), w.env("PATH"));
      assertNull(w.env("RPC_IT_NOT_SET"));
      assertEquals("/", w.cwd());
    }
  }
}
