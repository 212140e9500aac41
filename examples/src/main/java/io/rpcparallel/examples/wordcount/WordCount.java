package io.rpcparallel.examples.wordcount;

import io.rpcparallel.ConsoleProgress;
import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.annotations.RpcParallelApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Word frequencies over a directory of text files, counted by a pool of worker processes with a
 * progress bar. With no argument it writes a sample corpus to a temporary directory (and deletes
 * it afterwards). Launch it through the generated {@code WordCountRpcParallelMain}:
 * {@code WordCountRpcParallelMain [directory] [workers]}.
 */
@RpcParallelApp
public final class WordCount {
  private WordCount() {}

  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : sampleCorpus();
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    try {
      List<String> files;
      try (Stream<Path> s = Files.walk(dir)) {
        files = s.filter(Files::isRegularFile).map(Path::toString).sorted().collect(Collectors.toList());
      }
      MapReduceConfig config = MapReduceConfig.local(workers).withProgress(ConsoleProgress.stderr());
      Map<String, Long> total = MapReduce.mapReduceCommutative(config,
          (i, options) -> WordCounterRpc.spawnAndConnect(WordCounterImpl.class, options), files,
          (worker, file) -> worker.async().count(file), WordCount::merge).orElse(Map.of());
      System.out.printf("%d files, %d distinct words, %d words%n", files.size(), total.size(),
          total.values().stream().mapToLong(Long::longValue).sum());
      total.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(10)
          .forEach(e -> System.out.printf("%8d  %s%n", e.getValue(), e.getKey()));
    } finally {
      if (args.length == 0) {
        deleteTree(dir);
      }
    }
  }

  static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> m = new HashMap<>(a);
    b.forEach((k, v) -> m.merge(k, v, Long::sum));
    return m;
  }

  private static Path sampleCorpus() throws IOException {
    Path dir = Files.createTempDirectory("rpc-parallel-wordcount");
    String[] words = ("the quick brown fox jumps over the lazy dog while a worker process counts every word"
        + " of every file and the master merges what the workers found").split(" ");
    Random random = new Random(42);
    for (int f = 0; f < 200; f++) {
      StringBuilder text = new StringBuilder();
      for (int line = 0; line < 200; line++) {
        for (int w = 0; w < 12; w++) {
          text.append(words[random.nextInt(words.length)]).append(' ');
        }
        text.append('\n');
      }
      Files.writeString(dir.resolve("file-" + f + ".txt"), text);
    }
    return dir;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
