package io.rpcparallel.it;

import io.rpcparallel.Worker;
import java.util.Optional;

/** A worker handle sent as plain values, to be rebuilt on the other side. */
public record Peer(String host, int port, String id, boolean tls) {
  static Peer of(Worker<?> w) {
    return new Peer(w.host(), w.port(), w.id(), w.tls());
  }

  Worker<StreamWorker> streamWorker() {
    return new Worker<>(StreamWorker.class.getCanonicalName(), StreamWorkerRpc.FINGERPRINT, host, port, id,
        Optional.empty(), tls);
  }
}
