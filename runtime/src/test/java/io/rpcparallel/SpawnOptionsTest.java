package io.rpcparallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpawnOptionsTest {
  @Test
  void aZeroConnectionTimeoutIsRefusedWithWhatToUseInstead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpawnOptions.defaults().withConnectionTimeout(Duration.ZERO));
    assertTrue(e.getMessage().startsWith("connectionTimeout must be positive, got PT0S: "), e.getMessage());
    assertTrue(e.getMessage().contains("to fail fast, give a short one such as Duration.ofMillis(200)"), e.getMessage());
  }

  @Test
  void aShortConnectionTimeoutIsTaken() {
    assertEquals(Duration.ofMillis(1), SpawnOptions.defaults().withConnectionTimeout(Duration.ofMillis(1))
        .connectionTimeout());
  }
}
