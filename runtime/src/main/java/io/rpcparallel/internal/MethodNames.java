package io.rpcparallel.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * How this process names a worker interface's method ids ({@code Interface.method}): registered
 * by the connector when it opens a connection of that interface, read by JFR call events, the
 * dashboard's call metrics and its streams. One registry, keyed by the interface's binary name.
 */
public final class MethodNames {
  private static final Map<String, IntFunction<String>> BY_INTERFACE = new ConcurrentHashMap<>();

  private MethodNames() {}

  /** Says how to name the methods of {@code interfaceName}; the first registration stays. */
  public static void register(String interfaceName, IntFunction<String> names) {
    BY_INTERFACE.putIfAbsent(interfaceName, names);
  }

  /**
   * {@return the method's name, or the interface's simple name and the id in hex when the
   * interface was never registered}
   */
  public static String name(String interfaceName, int methodId) {
    IntFunction<String> names = BY_INTERFACE.get(interfaceName);
    if (names != null) {
      return names.apply(methodId);
    }
    String simple = interfaceName.substring(Math.max(interfaceName.lastIndexOf('.'), interfaceName.lastIndexOf('$')) + 1);
    return String.format("%s method 0x%08x", simple, methodId);
  }

  /** {@return a function naming the method ids of {@code interfaceName}, looked up when applied} */
  public static IntFunction<String> of(String interfaceName) {
    return id -> name(interfaceName, id);
  }
}
