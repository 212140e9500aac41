package io.rpcparallel.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.rpcparallel.LogRecord;
import io.rpcparallel.SpawnOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** The extension as a user writes it: a worker per class, a worker per test, a worker as a parameter. */
@RpcWorkerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class CounterExtensionTest {
  @SpawnedWorker(impl = CounterImpl.class, init = "start")
  static CounterClient shared;

  @SpawnedWorker(impl = CounterImpl.class, init = "start", options = "options")
  CounterClient fresh;

  static long start() {
    return 7;
  }

  SpawnOptions options() {
    return SpawnOptions.named("fresh-counter");
  }

  @Test
  @Order(1)
  void aClassWideWorkerKeepsItsStateAcrossTests() {
    assertEquals(8, shared.add(1));
    assertEquals(8, fresh.add(1));
  }

  @Test
  @Order(2)
  void aPerTestWorkerStartsAfresh() {
    assertEquals(9, shared.add(1));
    assertEquals(8, fresh.add(1));
    assertEquals("fresh-counter", fresh.control().worker().name().orElseThrow());
    assertEquals("shared", shared.control().worker().name().orElseThrow());
  }

  @Test
  @Order(3)
  void aParameterGetsAWorkerOfItsOwn(@SpawnedWorker(impl = CounterImpl.class, init = "start", name = "param")
      Counter counter) {
    assertEquals(17, counter.add(10));
    assertNotEquals(shared.pid(), counter.pid());
    assertNotEquals(fresh.pid(), counter.pid());
  }

  @Test
  @Order(4)
  void aLogSubscriptionCancelledByTheTestIsNoLeftover() throws Exception {
    CompletableFuture<LogRecord> first = new CompletableFuture<>();
    shared.control().logs().subscribe(new Flow.Subscriber<>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
      }

      @Override
      public void onNext(LogRecord r) {
        subscription.cancel();
        first.complete(r);
      }

      @Override
      public void onError(Throwable t) {
        first.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        first.completeExceptionally(new AssertionError("log stream ended"));
      }
    });
    shared.log("hello");
    assertEquals("hello", first.get(60, TimeUnit.SECONDS).message());
  }
}
