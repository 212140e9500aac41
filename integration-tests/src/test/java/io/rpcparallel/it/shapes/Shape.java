package io.rpcparallel.it.shapes;

/** A tagged union of records and an enum. */
public sealed interface Shape permits Shape.Circle, Shape.Rect, Shape.Mark, Shape.Group {
  record Circle(double radius) implements Shape {}

  record Rect(double width, double height) implements Shape {}

  enum Mark implements Shape { CROSS, NOUGHT }

  /** Recursive through the sealed interface. */
  record Group(String name, java.util.List<Shape> members) implements Shape {}
}
