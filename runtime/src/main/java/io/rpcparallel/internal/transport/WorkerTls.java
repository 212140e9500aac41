package io.rpcparallel.internal.transport;

import io.rpcparallel.WireInput;
import io.rpcparallel.WireOutput;
import java.util.Optional;

/**
 * What a spawned worker is told about TLS, with its configuration (on its stdin).
 *
 * @param server whether its own server accepts only TLS connections
 * @param master whether its connection to its master runs over TLS
 * @param ownPki whether the run uses the program's own {@link io.rpcparallel.TlsMaterial} (which
 *     the worker finds itself) rather than the run's CA
 * @param credentials its key and certificate from the run's CA, when it was given them (else it
 *     asks its master at its first TLS connection)
 */
public record WorkerTls(boolean server, boolean master, boolean ownPki, Optional<TlsCredentials> credentials) {
  /** Plain connections, nothing given. */
  public static final WorkerTls NONE = new WorkerTls(false, false, false, Optional.empty());

  public void encode(WireOutput out) {
    out.writeBoolean(server);
    out.writeBoolean(master);
    out.writeBoolean(ownPki);
    if (out.writeNotNull(credentials.orElse(null))) {
      credentials.get().encode(out);
    }
  }

  public static WorkerTls decode(WireInput in) {
    boolean server = in.readBoolean();
    boolean master = in.readBoolean();
    boolean ownPki = in.readBoolean();
    Optional<TlsCredentials> c = in.readNotNull() ? Optional.of(TlsCredentials.decode(in)) : Optional.empty();
    return new WorkerTls(server, master, ownPki, c);
  }
}
