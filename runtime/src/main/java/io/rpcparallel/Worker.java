package io.rpcparallel;

import java.util.Objects;
import java.util.Optional;

/**
 * A handle on a running worker: where it listens and which interface it serves. Handles are
 * plain values; any process of the same run can connect to one with {@code XRpc.connect}.
 *
 * @param interfaceName the canonical name of the worker interface
 * @param fingerprint the interface fingerprint the worker was built with
 * @param host the host the worker listens on
 * @param port the worker's port
 * @param id the worker's id, unique within the run
 * @param name the name given at spawn, or empty
 * @param tls whether the worker's server accepts only mutual-TLS connections (see
 *     {@link RpcSettings.TransportSecurity}); a client connects to it with TLS
 * @param <X> the worker interface
 */
public record Worker<X>(String interfaceName, String fingerprint, String host, int port, String id,
    Optional<String> name, boolean tls) {
  /**
   * A handle on a worker whose server takes plain connections, unless this process's
   * {@code transport_security} calls for TLS to its host anyway (see {@link RpcSettings}).
   *
   * @param interfaceName the canonical name of the worker interface
   * @param fingerprint the interface fingerprint the worker was built with
   * @param host the host the worker listens on
   * @param port the worker's port, from 1 to 65535
   * @param id the worker's id, unique within the run
   * @param name the name given at spawn, or empty
   * @throws IllegalArgumentException if the port is out of range
   */
  public Worker(String interfaceName, String fingerprint, String host, int port, String id, Optional<String> name) {
    this(interfaceName, fingerprint, host, port, id, name, false);
  }

  /**
   * Holds a handle; no component may be null.
   *
   * @param interfaceName the canonical name of the worker interface
   * @param fingerprint the interface fingerprint the worker was built with
   * @param host the host the worker listens on
   * @param port the worker's port, from 1 to 65535
   * @param id the worker's id, unique within the run
   * @param name the name given at spawn, or empty
   * @param tls whether the worker's server accepts only mutual-TLS connections
   * @throws IllegalArgumentException if the port is out of range
   */
  public Worker {
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** {@return the worker's name if it has one, else its id: how messages refer to it} */
  public String displayName() {
    return name.orElse(id);
  }
}
