package io.rpcparallel.it.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.SpawnOptions;
import io.rpcparallel.StreamWriter;
import io.rpcparallel.it.NoLeftoverWorkers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reader that cancels before the worker has opened its end of the stream: the cancel is
 * remembered and stops the worker's writer as soon as it opens, instead of the writer sending a
 * window of items nobody reads and then waiting for credit forever (a publisher never cancelled,
 * a call thread held).
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EarlyCancelIT {

  /** Cancels as soon as it is subscribed: its cancel leaves before the call does. */
  private static final class CancelAtOnce implements Flow.Subscriber<Long> {
    @Override public void onSubscribe(Flow.Subscription s) {
      s.cancel();
    }

    @Override public void onNext(Long item) {}

    @Override public void onError(Throwable t) {}

    @Override public void onComplete() {}
  }

  @Test
  void aCancelBeforeTheWorkerOpensTheStreamStopsItsWriter() throws Exception {
    try (EdgeWorkerClient w = EdgeWorkerRpc.spawnAndConnect(EdgeWorkerImpl.class, SpawnOptions.named("early-cancel"))) {
      // The cancel reaches the worker before the call.
      w.endless("", "pipe-at-once").subscribe(new CancelAtOnce());
      assertTrue(w.await("pipe-at-once"), "the worker's publisher was never cancelled");

      // The cancel reaches the worker while its method still runs (before it returns the publisher).
      Flow.Subscription[] subscription = new Flow.Subscription[1];
      CompletableFuture<Void> subscribed = new CompletableFuture<>();
      w.endless("gate-pipe", "pipe-while-running").subscribe(new Flow.Subscriber<>() {
        @Override public void onSubscribe(Flow.Subscription s) {
          subscription[0] = s;
          subscribed.complete(null);
        }

        @Override public void onNext(Long item) {}

        @Override public void onError(Throwable t) {}

        @Override public void onComplete() {}
      });
      subscribed.get(30, TimeUnit.SECONDS);
      subscription[0].cancel();
      w.open("gate-pipe");
      assertTrue(w.await("pipe-while-running"), "the worker's publisher was never cancelled");

      // A direct pipe whose reader left before the worker began to write.
      CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
        try {
          w.endlessDirect("gate-direct", "direct", new StreamWriter<Long>() {
            private final CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);

            @Override public void write(Long item) {
              throw new IllegalStateException("closed");
            }

            @Override public void close() {}

            @Override public void fail(Throwable error) {}

            @Override public CompletableFuture<Void> closed() {
              return closed; // the reader is gone from the start
            }
          });
        } catch (RuntimeException e) {
          // whatever the call ends with, the worker's writer must stop
        }
      });
      w.open("gate-direct");
      assertTrue(w.await("direct"), "the worker's direct writer kept waiting for credit");
      call.get(30, TimeUnit.SECONDS);
      assertEquals("still here", w.echo("still here"));
    }
  }
}
