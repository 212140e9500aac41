package io.rpcparallel;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Connection settings, shared by a master and all its workers.
 *
 * <p>Each field is chosen on its own: first from the {@value #ENV_VAR} environment variable, then
 * from what the program sets ({@link Builder}), then the default. The variable holds
 * comma-separated {@code key=value} pairs; the keys are {@code max_message_size} (bytes),
 * {@code handshake_timeout}, {@code heartbeat_interval}, {@code heartbeat_timeout} and
 * {@code write_buffer_age_limit} (durations such as {@code 500ms}, {@code 10s}, {@code 2m} or
 * ISO-8601 {@code PT10S}). Example: {@code heartbeat_timeout=60s,max_message_size=1048576}.
 *
 * @param maxMessageSize the largest message (frame payload) either side sends or accepts, in bytes
 * @param handshakeTimeout how long a new connection may take to authenticate
 * @param heartbeatInterval how often each side of a connection sends a heartbeat
 * @param heartbeatTimeout how long without any frame before a connection is declared dead
 * @param writeBufferAgeLimit how long queued outgoing data may wait for a slow peer before the
 *     connection is closed
 */
public record RpcSettings(int maxMessageSize, Duration handshakeTimeout, Duration heartbeatInterval,
    Duration heartbeatTimeout, Duration writeBufferAgeLimit) {

  /** The environment variable read by {@link #effective}. */
  public static final String ENV_VAR = "RPC_PARALLEL_RPC_SETTINGS";

  /** 100 MiB, 30 s, 5 s, 30 s, 2 min. */
  public static final RpcSettings DEFAULTS = new RpcSettings(100 << 20, Duration.ofSeconds(30),
      Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));

  public RpcSettings {
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    Objects.requireNonNull(writeBufferAgeLimit, "writeBufferAgeLimit");
    if (maxMessageSize < 1024) {
      throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes, got " + maxMessageSize);
    }
    requirePositive("handshakeTimeout", handshakeTimeout);
    requirePositive("heartbeatInterval", heartbeatInterval);
    requirePositive("heartbeatTimeout", heartbeatTimeout);
    requirePositive("writeBufferAgeLimit", writeBufferAgeLimit);
    if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException("heartbeatTimeout (" + heartbeatTimeout
          + ") must be longer than heartbeatInterval (" + heartbeatInterval + ")");
    }
  }

  private static void requirePositive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  /** A builder of the program's own choices; unset fields fall through to the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The effective settings of this process: the environment variable, then {@code program}, then defaults. */
  public static RpcSettings effective(Builder program) {
    return effective(System.getenv(ENV_VAR), program);
  }

  /** As {@link #effective(Builder)}, with the variable's value given ({@code null} when unset). */
  public static RpcSettings effective(String envValue, Builder program) {
    Builder env = parse(envValue);
    Builder p = program == null ? new Builder() : program;
    return new RpcSettings(
        pick(env.maxMessageSize, p.maxMessageSize, DEFAULTS.maxMessageSize),
        pick(env.handshakeTimeout, p.handshakeTimeout, DEFAULTS.handshakeTimeout),
        pick(env.heartbeatInterval, p.heartbeatInterval, DEFAULTS.heartbeatInterval),
        pick(env.heartbeatTimeout, p.heartbeatTimeout, DEFAULTS.heartbeatTimeout),
        pick(env.writeBufferAgeLimit, p.writeBufferAgeLimit, DEFAULTS.writeBufferAgeLimit));
  }

  private static <T> T pick(T first, T second, T fallback) {
    return first != null ? first : second != null ? second : fallback;
  }

  /** Parses the environment variable's format; {@code null} or blank gives an empty builder. */
  static Builder parse(String value) {
    Builder b = new Builder();
    if (value == null || value.isBlank()) {
      return b;
    }
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(ENV_VAR + ": expected key=value, got '" + pair.trim() + "'");
      }
      String key = pair.substring(0, eq).trim();
      String v = pair.substring(eq + 1).trim();
      switch (key) {
        case "max_message_size" -> b.maxMessageSize = parseInt(key, v);
        case "handshake_timeout" -> b.handshakeTimeout = parseDuration(key, v);
        case "heartbeat_interval" -> b.heartbeatInterval = parseDuration(key, v);
        case "heartbeat_timeout" -> b.heartbeatTimeout = parseDuration(key, v);
        case "write_buffer_age_limit" -> b.writeBufferAgeLimit = parseDuration(key, v);
        default -> throw new IllegalArgumentException(ENV_VAR + ": unknown key '" + key
            + "' (known: max_message_size, handshake_timeout, heartbeat_interval, heartbeat_timeout,"
            + " write_buffer_age_limit)");
      }
    }
    return b;
  }

  private static int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(ENV_VAR + ": " + key + " must be a number of bytes, got '" + v + "'");
    }
  }

  /** Parses {@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S}). */
  static Duration parseDuration(String key, String v) {
    String s = v.toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("pt") || s.startsWith("p")) {
        return Duration.parse(v);
      }
      Map<String, java.time.temporal.ChronoUnit> units = Map.of(
          "ms", java.time.temporal.ChronoUnit.MILLIS, "s", java.time.temporal.ChronoUnit.SECONDS,
          "m", java.time.temporal.ChronoUnit.MINUTES, "h", java.time.temporal.ChronoUnit.HOURS);
      for (String unit : new String[] {"ms", "s", "m", "h"}) {
        if (s.endsWith(unit)) {
          String number = s.substring(0, s.length() - unit.length()).trim();
          return Duration.of(Long.parseLong(number), units.get(unit));
        }
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(ENV_VAR + ": " + key
        + " must be a duration such as 500ms, 10s, 2m or PT10S, got '" + v + "'");
  }

  /** The program's own settings; each field left unset falls through to the default. */
  public static final class Builder {
    private Integer maxMessageSize;
    private Duration handshakeTimeout;
    private Duration heartbeatInterval;
    private Duration heartbeatTimeout;
    private Duration writeBufferAgeLimit;

    private Builder() {}

    public Builder maxMessageSize(int bytes) {
      this.maxMessageSize = bytes;
      return this;
    }

    public Builder handshakeTimeout(Duration d) {
      this.handshakeTimeout = Objects.requireNonNull(d);
      return this;
    }

    public Builder heartbeatInterval(Duration d) {
      this.heartbeatInterval = Objects.requireNonNull(d);
      return this;
    }

    public Builder heartbeatTimeout(Duration d) {
      this.heartbeatTimeout = Objects.requireNonNull(d);
      return this;
    }

    public Builder writeBufferAgeLimit(Duration d) {
      this.writeBufferAgeLimit = Objects.requireNonNull(d);
      return this;
    }
  }
}
