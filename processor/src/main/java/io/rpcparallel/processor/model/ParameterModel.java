package io.rpcparallel.processor.model;

/** One parameter of a worker method. */
public record ParameterModel(String name, WireType type) {}
