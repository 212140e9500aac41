package io.rpcparallel.it.shapes;

import java.util.List;

/** A recursive record. */
public record Tree(String label, List<Tree> children) {}
