package io.rpcparallel.it;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A record of several wire types, nested. */
public record Summary(int count, long total, Optional<String> label, Color color, Map<String, Long> weights,
    List<Integer> values, int rawLength, Inner inner) {

  /** A nested record. */
  public record Inner(String text, double ratio, Boolean flag) {}
}
