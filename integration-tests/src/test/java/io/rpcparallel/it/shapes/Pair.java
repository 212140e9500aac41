package io.rpcparallel.it.shapes;

/** A generic record, sent with concrete type arguments. */
public record Pair<A, B>(A first, B second) {}
