package io.rpcparallel.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.internal.MethodNames;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallMetricsTest {
  @AfterEach
  void off() {
    CallMetrics.enable(false);
    CallMetrics.reset();
  }

  @Test
  void everyDurationFallsInABucketWhoseTopIsAtMostAQuarterAbove() {
    for (long n = 1; n < (1L << 61); n = n + n / 2 + 1) {
      int b = CallMetrics.bucket(n);
      long top = CallMetrics.bucketTop(b);
      assertTrue(top >= n && top <= n * 1.25 + 1, n + " in bucket " + b + " with top " + top);
      assertTrue(b < 256);
    }
  }

  @Test
  void nothingIsRecordedWhileOff() {
    long start = CallMetrics.start();
    assertEquals(0, start);
    CallMetrics.record("I", 1, start, false);
    assertTrue(CallMetrics.snapshot().isEmpty());
  }

  @Test
  void countsErrorsAndPercentilesPerMethod() {
    MethodNames.register("I", id -> "I.m" + id);
    CallMetrics.enable(true);
    // 90 calls of about 1 ms, 10 of about 100 ms, 5 of them failed.
    for (int i = 0; i < 90; i++) {
      CallMetrics.record("I", 1, System.nanoTime() - 1_000_000, false);
    }
    for (int i = 0; i < 10; i++) {
      CallMetrics.record("I", 1, System.nanoTime() - 100_000_000, i < 5);
    }
    CallMetrics.record("I", 2, CallMetrics.start(), false);
    List<CallMetrics.MethodStats> stats = CallMetrics.snapshot();
    assertEquals(2, stats.size());
    CallMetrics.MethodStats m = stats.get(0);
    assertEquals("I.m1", m.method());
    assertEquals(100, m.calls());
    assertEquals(5, m.errors());
    assertTrue(m.p50Millis() >= 1 && m.p50Millis() < 1.4, "p50 " + m.p50Millis());
    assertTrue(m.p99Millis() >= 100 && m.p99Millis() < 126, "p99 " + m.p99Millis());
    assertTrue(m.maxMillis() >= 100, "max " + m.maxMillis());
    assertEquals(100, java.util.Arrays.stream(m.perSecond()).sum());
    assertEquals(100, m.perSecond()[CallMetrics.SECONDS - 1] + m.perSecond()[CallMetrics.SECONDS - 2]);
    assertEquals("I.m2", stats.get(1).method());
  }
}
