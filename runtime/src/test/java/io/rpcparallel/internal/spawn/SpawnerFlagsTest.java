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
  void workersFollowTheTransportTheirMasterWasTold() {
    assertEquals(List.of(), WorkerCommand.transportFlags(null));
    assertEquals(List.of("-Drpcparallel.transport=epoll"), WorkerCommand.transportFlags("epoll"));
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

  @Test
  void nettyStartProbesAreSparedUnlessTheProgramChose() {
    List<String> flags = WorkerCommand.nettyStartFlags(List.of(), null, null);
    assertEquals(2, flags.size());
    org.junit.jupiter.api.Assertions.assertTrue(
        flags.get(0).matches("-Dio\\.netty\\.machineId=([0-9a-f]{2}:){7}[0-9a-f]{2}"), flags.get(0));
    assertEquals("-Dio.netty.jfr.enabled=false", flags.get(1));
    assertEquals(List.of(), WorkerCommand.nettyStartFlags(List.of(), "01:02:03:04:05:06", "true"));
    assertEquals(1, WorkerCommand.nettyStartFlags(List.of("-XX:StartFlightRecording=duration=30s"), null, null).size());
    org.junit.jupiter.api.Assertions.assertTrue(WorkerCommand.writesArchive("-XX:ArchiveClassesAtExit=x.jsa"));
    org.junit.jupiter.api.Assertions.assertTrue(WorkerCommand.writesArchive("-XX:+AutoCreateSharedArchive"));
    org.junit.jupiter.api.Assertions.assertFalse(WorkerCommand.writesArchive("-XX:SharedArchiveFile=x.jsa"));
  }
}
