package io.rpcparallel.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpawnerFlagsTest {
  @Test
  void workersDefaultNettysAllocatorToUnpooledUnlessTheProgramChoseOne() {
    assertEquals(List.of("-Dio.netty.allocator.type=unpooled"), WorkerCommand.allocatorFlags(null));
    assertEquals(List.of(), WorkerCommand.allocatorFlags("pooled"));
  }

  @Test
  void noArchiveNoFlags() {
    assertEquals(List.of(), WorkerCommand.cdsFlags(null, 25));
    assertEquals(List.of(), WorkerCommand.cdsFlags(" ", 25));
  }

  @Test
  void beforeJdk19TheArchiveIsIgnored() {
    assertEquals(List.of(), WorkerCommand.cdsFlags("w.jsa", 17));
  }

  @Test
  void fromJdk19TheWorkerUsesAndCreatesTheArchive() {
    assertEquals(List.of("-XX:SharedArchiveFile=" + Path.of("w.jsa").toAbsolutePath(), "-XX:+AutoCreateSharedArchive"),
        WorkerCommand.cdsFlags("w.jsa", 19));
  }

  @Test
  void workersOfAProgramWithoutAnSlf4jProviderDoNotRepeatItsWarning() {
    assertEquals(List.of("-Dslf4j.internal.verbosity=ERROR"), WorkerCommand.slf4jFlags(true, null));
    assertEquals(List.of(), WorkerCommand.slf4jFlags(true, "WARN"));
    assertEquals(List.of(), WorkerCommand.slf4jFlags(false, null));
  }
}
