package io.rpcparallel.internal.launch;

import io.rpcparallel.internal.transport.Endpoint;

/** What a spawned worker says to the master that spawned it: the master server's endpoint and calls. */
public final class MasterProtocol {
  private MasterProtocol() {}

  /** The master server's interface, as a worker's connection to it expects. */
  public static final Endpoint ENDPOINT = new Endpoint("rpc-parallel master", "master-protocol-1");
  /** A worker is up: its id, host, port and pid. */
  public static final int REGISTER = 1;
  /** A worker's implementation failed to build: its id and the failure's text. */
  public static final int INIT_FAILED = 2;
  /** An exception escaped one of a worker's own threads: its id and the error. */
  public static final int BACKGROUND_FAILURE = 3;
  /** A worker needs TLS credentials it was not given at spawn: its id; answered with its credentials. */
  public static final int TLS_CREDENTIALS = 4;
}
