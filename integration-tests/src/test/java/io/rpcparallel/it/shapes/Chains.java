package io.rpcparallel.it.shapes;

import java.util.List;

/** Values of recursive records nested as deep as asked, each level holding the next. */
final class Chains {
  private Chains() {}

  /** A tree of {@code levels} trees, each the only child of the one above. */
  static Tree tree(int levels) {
    Tree tree = new Tree("leaf", List.of());
    for (int i = 1; i < levels; i++) {
      tree = new Tree("level " + i, List.of(tree));
    }
    return tree;
  }

  /** How many levels deep a tree of {@link #tree} is. */
  static int levels(Tree tree) {
    int levels = 0;
    for (Tree t = tree; t != null; t = t.children().isEmpty() ? null : t.children().get(0)) {
      levels++;
    }
    return levels;
  }

  /** Groups nested {@code levels} deep, a circle in the innermost. */
  static Shape group(int levels) {
    Shape shape = new Shape.Circle(1);
    for (int i = 0; i < levels; i++) {
      shape = new Shape.Group("level " + i, List.of(shape));
    }
    return shape;
  }
}
