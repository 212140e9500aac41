package io.rpcparallel.examples.wordcount;

import io.rpcparallel.ConsoleProgress;
import io.rpcparallel.HowToRun;
import io.rpcparallel.MapReduce;
import io.rpcparallel.MapReduceConfig;
import io.rpcparallel.annotations.RpcParallelApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code WordCountRpcParallelMain [--hosts host1,host2,...] [--slurm n] [directory] [local workers]}.
 * {@code --hosts} adds one worker on each host over ssh (name a host twice for two workers there),
 * {@code --slurm} adds {@code n} workers as Slurm job steps; the files must be readable at the same
 * paths wherever the workers run.
 */
@RpcParallelApp
public final class WordCount {
  private WordCount() {}

  public static void main(String[] argv) throws IOException {
    List<String> args = new ArrayList<>();
    List<String> hosts = List.of();
    int slurm = 0;
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].equals("--hosts") && i + 1 < argv.length) {
        hosts = List.of(argv[++i].split(","));
      } else if (argv[i].equals("--slurm") && i + 1 < argv.length) {
        slurm = Integer.parseInt(argv[++i]);
      } else {
        args.add(argv[i]);
      }
    }
    boolean sample = args.isEmpty();
    Path dir = sample ? sampleCorpus() : Path.of(args.get(0));
    int workers = args.size() > 1 ? Integer.parseInt(args.get(1)) : Runtime.getRuntime().availableProcessors();
    try {
      List<String> files;
      try (Stream<Path> s = Files.walk(dir)) {
        files = s.filter(Files::isRegularFile).map(Path::toString).sorted().collect(Collectors.toList());
      }
      // snippet:map-reduce
      MapReduceConfig config = MapReduceConfig.local(workers).withProgress(ConsoleProgress.stderr());
      // snippet-hide
      for (String host : hosts) {
        config = config.withWorkers(HowToRun.ssh(host), 1);
      }
      if (slurm > 0) {
        config = config.withWorkers(HowToRun.slurm(), slurm);
      }
      // end-hide
      Map<String, Long> total = MapReduce.mapReduceCommutative(
          config,
          (index, options) -> WordCounterRpc.spawnAndConnect(WordCounterImpl.class, options),  // worker `index`
          files,                                                         // an Iterable (or MapReduce.inputs(publisher))
          (worker, file) -> worker.async().count(file),                  // one task
          WordCount::merge).orElse(Map.of());                            // combine two outputs
      // end-snippet
      System.out.printf("%d files, %d distinct words, %d words%n", files.size(), total.size(),
          total.values().stream().mapToLong(Long::longValue).sum());
      total.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(10)
          .forEach(e -> System.out.printf("%8d  %s%n", e.getValue(), e.getKey()));
    } finally {
      if (sample) {
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
