package io.rpcparallel.examples.wordcount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Runs in each worker. Counting a file twice gives the same answer, so it is safe to re-run. */
public final class WordCounterImpl implements WordCounter {
  private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

  @Override
  public Map<String, Long> count(String path) {
    Map<String, Long> counts = new HashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of(path))) {
        WORD.matcher(line).results().forEach(m -> counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return counts;
  }
}
