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
 * ISO-8601 {@code PT10S}), {@code max_calls_in_flight}, {@code max_threads} and
 * {@code shutdown_grace}, {@code listen_address} and {@code advertise_address} (see below),
 * {@code transport_security} ({@code auto}, {@code tls} or {@code none}) and
 * {@code allow_insecure_remote} ({@code true} or {@code false}).
 * Example: {@code heartbeat_timeout=60s,max_message_size=1048576}.
 *
 * @param maxMessageSize the largest message (frame payload) either side sends or accepts, in bytes
 * @param handshakeTimeout how long a new connection may take to authenticate
 * @param heartbeatInterval how often each side of a connection sends a heartbeat
 * @param heartbeatTimeout how long without any frame before a connection is declared dead
 * @param writeBufferAgeLimit how long queued outgoing data may wait for a slow peer before the
 *     connection is closed
 * @param maxCallsInFlight the most calls of one connection a worker runs at once; past it the
 *     worker stops reading that connection until half of them are answered, so one connection
 *     never holds more than this many threads
 * @param maxThreads the most threads a process runs calls on at once, over all its connections;
 *     a call past it fails at once with a clear error. The pool grows on demand up to this
 *     ceiling rather than being fixed, because worker methods may wait on each other and a fixed
 *     pool could deadlock them
 * @param shutdownGrace how long a worker that is told to shut down lets the calls in flight
 *     finish before it closes their connections
 * @param listenAddress where this process listens for workers on other hosts (ssh, Slurm) to
 *     connect back to it; empty (the default) for every address of this machine. Workers on this
 *     machine always connect over loopback. Not passed on to workers
 * @param advertiseAddress the address this process gives workers on other hosts to reach it by;
 *     empty (the default) to let each remote worker find it: an ssh worker uses the address its
 *     ssh session came from ({@code SSH_CONNECTION}), a Slurm worker tries this machine's
 *     addresses, all at once. Not passed on to workers
 * @param transportSecurity which connections run over mutual TLS (see {@link TransportSecurity});
 *     default {@link TransportSecurity#AUTO}
 * @param allowInsecureRemote whether {@link TransportSecurity#NONE} may carry plain connections
 *     to workers on other hosts and to peers on addresses other than loopback; default false
 */
public record RpcSettings(int maxMessageSize, Duration handshakeTimeout, Duration heartbeatInterval,
    Duration heartbeatTimeout, Duration writeBufferAgeLimit, int maxCallsInFlight, int maxThreads,
    Duration shutdownGrace, String listenAddress, String advertiseAddress, TransportSecurity transportSecurity,
    boolean allowInsecureRemote) {

  /** Which connections are encrypted and authenticated with mutual TLS 1.3. */
  public enum TransportSecurity {
    /**
     * TLS for every connection to or from a worker started through a remote launcher (ssh,
     * Slurm) and to any server listening on an address other than loopback; plain (the HMAC
     * handshake only) between processes of this machine on loopback. The default.
     */
    AUTO,
    /** TLS on every connection, local ones included. */
    TLS,
    /**
     * No TLS: every connection is plain, authenticated by the HMAC handshake only. Refused for a
     * worker on another host or a peer on an address other than loopback unless
     * {@code allowInsecureRemote}.
     */
    NONE;

    /** {@return the name used in the environment variable: {@code auto}, {@code tls} or {@code none}} */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The environment variable read by {@link #effective}. */
  public static final String ENV_VAR = "RPC_PARALLEL_RPC_SETTINGS";

  /** 100 MiB, 30 s, 5 s, 30 s, 2 min, 256 calls, 4096 threads, 10 s, addresses chosen by themselves. */
  public static final RpcSettings DEFAULTS = new RpcSettings(100 << 20, Duration.ofSeconds(30),
      Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), 256, 4096, Duration.ofSeconds(10), "", "",
      TransportSecurity.AUTO, false);

  /**
   * The first ten settings, with the default transport security ({@link TransportSecurity#AUTO}).
   *
   * @param maxMessageSize the largest message either side sends or accepts, in bytes
   * @param handshakeTimeout how long a new connection may take to authenticate
   * @param heartbeatInterval how often each side of a connection sends a heartbeat
   * @param heartbeatTimeout how long without any frame before a connection is declared dead
   * @param writeBufferAgeLimit how long queued outgoing data may wait for a slow peer
   * @param maxCallsInFlight the most calls of one connection a worker runs at once
   * @param maxThreads the most threads a process runs calls on at once
   * @param shutdownGrace how long a worker told to shut down lets its calls in flight finish
   * @param listenAddress where this process listens for workers on other hosts; empty for every
   *     address
   * @param advertiseAddress the address given to workers on other hosts; empty to let them find it
   */
  public RpcSettings(int maxMessageSize, Duration handshakeTimeout, Duration heartbeatInterval,
      Duration heartbeatTimeout, Duration writeBufferAgeLimit, int maxCallsInFlight, int maxThreads,
      Duration shutdownGrace, String listenAddress, String advertiseAddress) {
    this(maxMessageSize, handshakeTimeout, heartbeatInterval, heartbeatTimeout, writeBufferAgeLimit, maxCallsInFlight,
        maxThreads, shutdownGrace, listenAddress, advertiseAddress, TransportSecurity.AUTO, false);
  }

  /**
   * The first eight settings, with the addresses chosen by themselves.
   *
   * @param maxMessageSize the largest message either side sends or accepts, in bytes
   * @param handshakeTimeout how long a new connection may take to authenticate
   * @param heartbeatInterval how often each side of a connection sends a heartbeat
   * @param heartbeatTimeout how long without any frame before a connection is declared dead
   * @param writeBufferAgeLimit how long queued outgoing data may wait for a slow peer
   * @param maxCallsInFlight the most calls of one connection a worker runs at once
   * @param maxThreads the most threads a process runs calls on at once
   * @param shutdownGrace how long a worker told to shut down lets its calls in flight finish
   */
  public RpcSettings(int maxMessageSize, Duration handshakeTimeout, Duration heartbeatInterval,
      Duration heartbeatTimeout, Duration writeBufferAgeLimit, int maxCallsInFlight, int maxThreads,
      Duration shutdownGrace) {
    this(maxMessageSize, handshakeTimeout, heartbeatInterval, heartbeatTimeout, writeBufferAgeLimit, maxCallsInFlight,
        maxThreads, shutdownGrace, "", "");
  }

  /**
   * The first five settings, with the defaults for the others.
   *
   * @param maxMessageSize the largest message either side sends or accepts, in bytes
   * @param handshakeTimeout how long a new connection may take to authenticate
   * @param heartbeatInterval how often each side of a connection sends a heartbeat
   * @param heartbeatTimeout how long without any frame before a connection is declared dead
   * @param writeBufferAgeLimit how long queued outgoing data may wait for a slow peer
   */
  public RpcSettings(int maxMessageSize, Duration handshakeTimeout, Duration heartbeatInterval,
      Duration heartbeatTimeout, Duration writeBufferAgeLimit) {
    this(maxMessageSize, handshakeTimeout, heartbeatInterval, heartbeatTimeout, writeBufferAgeLimit, 256, 4096,
        Duration.ofSeconds(10), "", "");
  }

  /**
   * Holds settings, and checks every one.
   *
   * @param maxMessageSize the largest message either side sends or accepts, in bytes; at least 1024
   * @param handshakeTimeout how long a new connection may take to authenticate; positive
   * @param heartbeatInterval how often each side of a connection sends a heartbeat; positive
   * @param heartbeatTimeout how long without any frame before a connection is declared dead;
   *     longer than {@code heartbeatInterval}
   * @param writeBufferAgeLimit how long queued outgoing data may wait for a slow peer; positive
   * @param maxCallsInFlight the most calls of one connection a worker runs at once; at least 1
   * @param maxThreads the most threads a process runs calls on at once; at least 1
   * @param shutdownGrace how long a worker told to shut down lets its calls in flight finish; not
   *     negative
   * @param listenAddress where this process listens for workers on other hosts; empty for every
   *     address
   * @param advertiseAddress the address given to workers on other hosts; empty to let them find it
   * @param transportSecurity which connections run over mutual TLS
   * @param allowInsecureRemote whether {@link TransportSecurity#NONE} may carry plain connections
   *     between hosts
   * @throws IllegalArgumentException if a setting is out of range
   */
  public RpcSettings {
    Objects.requireNonNull(transportSecurity, "transportSecurity");
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(advertiseAddress, "advertiseAddress");
    listenAddress = listenAddress.strip();
    advertiseAddress = advertiseAddress.strip();
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
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace must not be negative, got " + shutdownGrace);
    }
    if (maxCallsInFlight < 1) {
      throw new IllegalArgumentException("maxCallsInFlight must be at least 1, got " + maxCallsInFlight);
    }
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
    }
    if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException("heartbeatTimeout (" + heartbeatTimeout
          + ") must be longer than heartbeatInterval (" + heartbeatInterval + ")");
    }
  }

  /** {@return these settings without this process's own addresses: what a worker is given} */
  public RpcSettings forWorker() {
    return new RpcSettings(maxMessageSize, handshakeTimeout, heartbeatInterval, heartbeatTimeout, writeBufferAgeLimit,
        maxCallsInFlight, maxThreads, shutdownGrace, "", "", transportSecurity, allowInsecureRemote);
  }

  private static void requirePositive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  /** {@return a builder of the program's own choices} Unset fields fall through to the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the effective settings of this process} Each field comes from the environment
   * variable, then {@code program}, then the defaults.
   *
   * @param program the program's own settings, or null for none
   * @throws IllegalArgumentException if the variable cannot be parsed, or a setting is out of
   *     range
   */
  public static RpcSettings effective(Builder program) {
    return effective(System.getenv(ENV_VAR), program);
  }

  /**
   * {@return the effective settings} As {@link #effective(Builder)}, with the variable's value
   * given.
   *
   * @param envValue the value of {@value #ENV_VAR}, or {@code null} when unset
   * @param program the program's own settings, or null for none
   * @throws IllegalArgumentException if {@code envValue} cannot be parsed, or a setting is out of
   *     range
   */
  public static RpcSettings effective(String envValue, Builder program) {
    Builder env = parse(envValue);
    Builder p = program == null ? new Builder() : program;
    return new RpcSettings(
        pick(env.maxMessageSize, p.maxMessageSize, DEFAULTS.maxMessageSize),
        pick(env.handshakeTimeout, p.handshakeTimeout, DEFAULTS.handshakeTimeout),
        pick(env.heartbeatInterval, p.heartbeatInterval, DEFAULTS.heartbeatInterval),
        pick(env.heartbeatTimeout, p.heartbeatTimeout, DEFAULTS.heartbeatTimeout),
        pick(env.writeBufferAgeLimit, p.writeBufferAgeLimit, DEFAULTS.writeBufferAgeLimit),
        pick(env.maxCallsInFlight, p.maxCallsInFlight, DEFAULTS.maxCallsInFlight),
        pick(env.maxThreads, p.maxThreads, DEFAULTS.maxThreads),
        pick(env.shutdownGrace, p.shutdownGrace, DEFAULTS.shutdownGrace),
        pick(env.listenAddress, p.listenAddress, DEFAULTS.listenAddress),
        pick(env.advertiseAddress, p.advertiseAddress, DEFAULTS.advertiseAddress),
        pick(env.transportSecurity, p.transportSecurity, DEFAULTS.transportSecurity),
        pick(env.allowInsecureRemote, p.allowInsecureRemote, DEFAULTS.allowInsecureRemote));
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
        case "max_calls_in_flight" -> b.maxCallsInFlight = parseInt(key, v);
        case "max_threads" -> b.maxThreads = parseInt(key, v);
        case "shutdown_grace" -> b.shutdownGrace = parseDuration(key, v);
        case "listen_address" -> b.listenAddress = v;
        case "advertise_address" -> b.advertiseAddress = v;
        case "transport_security" -> b.transportSecurity = parseSecurity(key, v);
        case "allow_insecure_remote" -> b.allowInsecureRemote = parseBoolean(key, v);
        default -> throw new IllegalArgumentException(ENV_VAR + ": unknown key '" + key
            + "' (known: max_message_size, handshake_timeout, heartbeat_interval, heartbeat_timeout,"
            + " write_buffer_age_limit, max_calls_in_flight, max_threads, shutdown_grace, listen_address,"
            + " advertise_address, transport_security, allow_insecure_remote)");
      }
    }
    return b;
  }

  private static TransportSecurity parseSecurity(String key, String v) {
    for (TransportSecurity t : TransportSecurity.values()) {
      if (t.key().equals(v.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException(ENV_VAR + ": " + key + " must be auto, tls or none, got '" + v + "'");
  }

  private static boolean parseBoolean(String key, String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(ENV_VAR + ": " + key + " must be true or false, got '" + v + "'");
    };
  }

  private static int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(ENV_VAR + ": " + key + " must be a whole number, got '" + v + "'");
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
    private Integer maxCallsInFlight;
    private Integer maxThreads;
    private Duration shutdownGrace;
    private String listenAddress;
    private String advertiseAddress;
    private TransportSecurity transportSecurity;
    private Boolean allowInsecureRemote;

    private Builder() {}

    /**
     * Which connections run over mutual TLS (default {@link TransportSecurity#AUTO}).
     *
     * @param security the mode
     * @return this builder
     */
    public Builder transportSecurity(TransportSecurity security) {
      this.transportSecurity = Objects.requireNonNull(security);
      return this;
    }

    /**
     * Whether {@link TransportSecurity#NONE} may carry plain connections to workers on other hosts
     * and peers on addresses other than loopback (default false: such a spawn or connection is
     * refused).
     *
     * @param allow true to allow them
     * @return this builder
     */
    public Builder allowInsecureRemote(boolean allow) {
      this.allowInsecureRemote = allow;
      return this;
    }

    /**
     * {@return this builder, with where this process listens for workers on other hosts}
     *
     * @param address an address of this machine, or empty for every address
     */
    public Builder listenAddress(String address) {
      this.listenAddress = Objects.requireNonNull(address);
      return this;
    }

    /**
     * {@return this builder, with the address given to workers on other hosts}
     *
     * @param address a name or address they reach this machine by, or empty to let them find it
     */
    public Builder advertiseAddress(String address) {
      this.advertiseAddress = Objects.requireNonNull(address);
      return this;
    }

    /**
     * The most calls of one connection a worker runs at once (default 256).
     *
     * @param calls at least 1
     * @return this builder
     */
    public Builder maxCallsInFlight(int calls) {
      this.maxCallsInFlight = calls;
      return this;
    }

    /**
     * The most threads a process runs calls on at once (default 4096).
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder maxThreads(int threads) {
      this.maxThreads = threads;
      return this;
    }

    /**
     * How long a worker told to shut down lets its calls in flight finish (default 10 s).
     *
     * @param d not negative
     * @return this builder
     */
    public Builder shutdownGrace(Duration d) {
      this.shutdownGrace = Objects.requireNonNull(d);
      return this;
    }

    /**
     * The largest message either side sends or accepts (default 100 MiB).
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public Builder maxMessageSize(int bytes) {
      this.maxMessageSize = bytes;
      return this;
    }

    /**
     * How long a new connection may take to authenticate (default 30 s).
     *
     * @param d positive
     * @return this builder
     */
    public Builder handshakeTimeout(Duration d) {
      this.handshakeTimeout = Objects.requireNonNull(d);
      return this;
    }

    /**
     * How often each side of a connection sends a heartbeat (default 5 s).
     *
     * @param d positive
     * @return this builder
     */
    public Builder heartbeatInterval(Duration d) {
      this.heartbeatInterval = Objects.requireNonNull(d);
      return this;
    }

    /**
     * How long without any frame before a connection is declared dead (default 30 s).
     *
     * @param d longer than the heartbeat interval
     * @return this builder
     */
    public Builder heartbeatTimeout(Duration d) {
      this.heartbeatTimeout = Objects.requireNonNull(d);
      return this;
    }

    /**
     * How long queued outgoing data may wait for a slow peer before the connection is closed
     * (default 2 min).
     *
     * @param d positive
     * @return this builder
     */
    public Builder writeBufferAgeLimit(Duration d) {
      this.writeBufferAgeLimit = Objects.requireNonNull(d);
      return this;
    }
  }
}
