package io.rpcparallel.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rpcparallel.Redirect;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.junit.RpcWorkerTest;
import io.rpcparallel.junit.SpawnedWorker;
import org.junit.jupiter.api.Test;

/** The quick start's worker tested with the JUnit extension, as docs/testing.md shows it. */
// snippet:counter-test
@RpcWorkerTest                                     // = @ExtendWith(RpcParallelExtension.class)
class CounterTest {
  @SpawnedWorker(impl = CounterImpl.class, init = "config")
  static CounterClient shared;                     // one worker for the whole class

  @SpawnedWorker(impl = CounterImpl.class, init = "config", options = "options")
  CounterClient counter;                           // a new worker for each test

  static CounterConfig config() { return new CounterConfig(7); }
  static SpawnOptions options() { return SpawnOptions.named("counter").withStdout(Redirect.inherit()); }

  @Test
  void adds() {
    assertEquals(10, counter.add(3));
  }

  @Test
  void addsElsewhere(@SpawnedWorker(impl = CounterImpl.class, init = "config") Counter other) {
    assertEquals(8, other.add(1));                 // a worker of its own, ended after the test
  }
  // snippet-hide

  @Test
  void theSharedWorkerKeepsItsCount() {
    assertEquals(7, shared.add(0));                // each test of this class adds nothing to it
  }
  // end-hide
}
// end-snippet
