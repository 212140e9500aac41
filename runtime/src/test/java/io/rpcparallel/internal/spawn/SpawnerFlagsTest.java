package io.rpcparallel.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpawnerFlagsTest {
  @Test
  void workersDefaultNettysAllocatorToUnpooledUnlessTheProgramChoseOne() {
    assertEquals(List.of("-Dio.netty.allocator.type=unpooled"), Spawner.allocatorFlags(null));
    assertEquals(List.of(), Spawner.allocatorFlags("pooled"));
  }

  @Test
  void noArchiveNoFlags() {
    assertEquals(List.of(), Spawner.cdsFlags(null, 25));
    assertEquals(List.of(), Spawner.cdsFlags(" ", 25));
  }

  @Test
  void beforeJdk19TheArchiveIsIgnored() {
    assertEquals(List.of(), Spawner.cdsFlags("w.jsa", 17));
  }

  @Test
  void fromJdk19TheWorkerUsesAndCreatesTheArchive() {
    assertEquals(List.of("-XX:SharedArchiveFile=" + Path.of("w.jsa").toAbsolutePath(), "-XX:+AutoCreateSharedArchive"),
        Spawner.cdsFlags("w.jsa", 19));
  }
}
