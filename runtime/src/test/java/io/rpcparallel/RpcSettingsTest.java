package io.rpcparallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcSettingsTest {
  @Test
  void defaultsWhenNothingIsSet() {
    assertEquals(RpcSettings.DEFAULTS, RpcSettings.effective(null, null));
    assertEquals(RpcSettings.DEFAULTS, RpcSettings.effective("  ", RpcSettings.builder()));
  }

  @Test
  void environmentBeatsProgramBeatsDefaultFieldByField() {
    RpcSettings s = RpcSettings.effective("heartbeat_timeout=90s, max_message_size=2048",
        RpcSettings.builder().heartbeatTimeout(Duration.ofSeconds(40)).heartbeatInterval(Duration.ofMillis(500)));
    assertEquals(Duration.ofSeconds(90), s.heartbeatTimeout());
    assertEquals(2048, s.maxMessageSize());
    assertEquals(Duration.ofMillis(500), s.heartbeatInterval());
    assertEquals(RpcSettings.DEFAULTS.handshakeTimeout(), s.handshakeTimeout());
    assertEquals(Duration.ofMinutes(2), RpcSettings.effective("write_buffer_age_limit=2m", null).writeBufferAgeLimit());
    assertEquals(Duration.ofSeconds(7), RpcSettings.effective("handshake_timeout=PT7S", null).handshakeTimeout());
  }

  @Test
  void badValuesSayWhatIsWrong() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RpcSettings.effective("heartbeat_timeout=soon", null));
    assertTrue(e.getMessage().contains("heartbeat_timeout must be a duration"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RpcSettings.effective("colour=blue", null));
    assertTrue(e.getMessage().contains("unknown key 'colour'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RpcSettings.effective("max_message_size", null));
    assertTrue(e.getMessage().contains("expected key=value"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RpcSettings.effective("heartbeat_interval=10s,heartbeat_timeout=5s", null));
    assertTrue(e.getMessage().contains("must be longer than heartbeatInterval"), e.getMessage());
  }
}
