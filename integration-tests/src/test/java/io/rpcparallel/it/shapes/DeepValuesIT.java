package io.rpcparallel.it.shapes;

import static io.rpcparallel.Codecs.MAX_NESTING_DEPTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.MessageTooLargeException;
import io.rpcparallel.RpcException;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Values nested past {@code Codecs.MAX_NESTING_DEPTH}, either way through a real worker: the
 * call fails at once with an error naming the limit and the type, and the connection and the
 * worker carry on.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeepValuesIT {
  private static final String TOO_DEEP = "nested deeper than the maximum of "
      + MAX_NESTING_DEPTH + " levels";

  @Test
  void aResultTooDeepFailsTheCallAndTheWorkerKeepsServing() throws Exception {
    try (NesterClient nester = NesterRpc.spawnAndConnect(NesterImpl.class,
        SpawnOptions.named("nester"))) {
      long pid = nester.pid();
      // Through the async view, so that a reply that never comes fails the wait, not the build.
      for (int levels : new int[] {10_000, MAX_NESTING_DEPTH + 1}) {
        ExecutionException failed = assertThrows(ExecutionException.class,
            () -> nester.async().tree(levels).get(30, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof RpcException, () -> "failed with " + failed.getCause());
        assertTrue(failed.getCause().getMessage().contains(TOO_DEEP), failed.getCause()::getMessage);
        assertTrue(failed.getCause().getMessage().contains("io.rpcparallel.it.shapes.Tree"),
            failed.getCause()::getMessage);
      }
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> nester.async().group(10_000).get(30, TimeUnit.SECONDS));
      assertTrue(failed.getCause().getMessage().contains(TOO_DEEP), failed.getCause()::getMessage);

      assertEquals(Chains.tree(MAX_NESTING_DEPTH), nester.tree(MAX_NESTING_DEPTH));
      assertEquals(Chains.group(MAX_NESTING_DEPTH), nester.group(MAX_NESTING_DEPTH));
      assertEquals(pid, nester.pid());
    }
  }

  @Test
  void anArgumentTooDeepFailsOnTheCallerAndTheConnectionStaysUsable() throws Exception {
    try (NesterClient nester = NesterRpc.spawnAndConnect(NesterImpl.class,
        SpawnOptions.named("nester"))) {
      long pid = nester.pid();
      Tree deep = Chains.tree(10_000);
      MessageTooLargeException tooDeep = assertThrows(MessageTooLargeException.class,
          () -> nester.levels(deep));
      assertTrue(tooDeep.getMessage().contains(TOO_DEEP), tooDeep::getMessage);
      assertTrue(tooDeep.getMessage().contains("io.rpcparallel.it.shapes.Tree"), tooDeep::getMessage);
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> nester.async().levels(Chains.tree(MAX_NESTING_DEPTH + 1)).get(30, TimeUnit.SECONDS));
      assertTrue(failed.getCause() instanceof MessageTooLargeException, () -> "failed with " + failed.getCause());

      assertEquals(MAX_NESTING_DEPTH, nester.levels(Chains.tree(MAX_NESTING_DEPTH)));
      assertEquals(pid, nester.pid());
    }
  }
}
