package io.rpcparallel.it;

import java.util.List;

/** Looks for byte strings in what a test captured (a proxy's recording, a process's files). */
final class Bytes {
  private Bytes() {}

  /** Whether {@code needle} occurs in {@code haystack}. */
  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Whether any of {@code needles} occurs in {@code haystack}. */
  static boolean containsAny(byte[] haystack, List<byte[]> needles) {
    return needles.stream().anyMatch(n -> contains(haystack, n));
  }
}
