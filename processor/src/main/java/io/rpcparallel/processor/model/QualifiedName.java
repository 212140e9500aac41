package io.rpcparallel.processor.model;

import java.util.List;

/**
 * The name of a declared type: its package and its simple names, outermost first
 * ({@code ["Outer", "Inner"]} for a nested type).
 */
public record QualifiedName(String packageName, List<String> simpleNames)
    implements Comparable<QualifiedName> {
  public QualifiedName {
    simpleNames = List.copyOf(simpleNames);
    if (simpleNames.isEmpty()) {
      throw new IllegalArgumentException("no simple names");
    }
  }

  public static QualifiedName of(String packageName, String... simpleNames) {
    return new QualifiedName(packageName, List.of(simpleNames));
  }

  /** The innermost simple name. */
  public String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }

  /** The simple names joined with dots, as source code outside the package writes it. */
  public String nestedName() {
    return String.join(".", simpleNames);
  }

  /** The simple names joined with underscores: a prefix for generated top-level classes. */
  public String flatName() {
    return String.join("_", simpleNames);
  }

  /** The canonical name, as {@link Class#getCanonicalName()} gives it. */
  public String canonicalName() {
    return packageName.isEmpty() ? nestedName() : packageName + "." + nestedName();
  }

  /** A top-level type of the same package. */
  public QualifiedName peer(String simpleName) {
    return new QualifiedName(packageName, List.of(simpleName));
  }

  @Override
  public int compareTo(QualifiedName other) {
    return canonicalName().compareTo(other.canonicalName());
  }

  @Override
  public String toString() {
    return canonicalName();
  }
}
