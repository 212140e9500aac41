package io.rpcparallel.it;

/** Cannot be instantiated. */
public abstract class AbstractProbeWorker extends ProbeWorkerImpl {}
