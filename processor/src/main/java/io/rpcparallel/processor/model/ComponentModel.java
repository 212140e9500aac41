package io.rpcparallel.processor.model;

/** One record component: its name (and accessor) and its wire type. */
public record ComponentModel(String name, WireType type) {}
