package io.rpcparallel.processor.model;

/** A valid {@code @RpcParallelApp} class, whose {@code main} the generated routing main calls. */
public record AppModel(QualifiedName app) {}
