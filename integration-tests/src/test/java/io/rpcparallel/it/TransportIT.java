package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.rpcparallel.SpawnOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which of Netty's transports a master and its local workers run on, read from /proc: Netty's
 * epoll event loop holds a timerfd, which NIO's selector has not. NIO by default; epoll when the
 * program chooses it, on both ends, leaving nothing in the temporary directory (Netty unpacks its
 * native library there and deletes it once loaded).
 */
class TransportIT {
  private static final String TIMERFD = "anon_inode:[timerfd]";

  @Test
  void aMasterAndItsLocalWorkerRunOnNioByDefault() throws Exception {
    try (TestWorkerClient c = TestWorkerRpc.spawnAndConnect(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("nio"))) {
      assertEquals(3, c.add(3));
      assertFalse(Procs.fdLinks(c.pid()).contains(TIMERFD), "the worker runs an epoll event loop");
      assertFalse(Procs.fdLinks(ProcessHandle.current().pid()).contains(TIMERFD), "the master runs an epoll event loop");
    }
  }

  @Test
  void choosingEpollWorksEndToEndAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
    assumeTrue(Epoll.isAvailable(), "Netty's native epoll transport does not load here");
    long worker;
    try (JavaProcess master = JavaProcess.startWithFlags(List.of("-Drpcparallel.transport=epoll",
        "-Djava.io.tmpdir=" + tmp), Map.of(), TransportProgram.class)) {
      worker = Long.parseLong(master.readUntil("WORKER ").split(" ")[1]);
      master.readUntil("READY");
      assertTrue(Procs.fdLinks(worker).contains(TIMERFD), "the worker runs no epoll event loop");
      assertTrue(Procs.fdLinks(master.pid()).contains(TIMERFD), "the master runs no epoll event loop");
      assertEquals(List.of(), contents(tmp));
      master.say("end");
      assertEquals(0, master.awaitExit());
    }
    assertTrue(Procs.awaitGone(worker, Await.LIMIT));
    assertEquals(List.of(), contents(tmp));
  }

  @Test
  void onEpollAWorkerAndAMasterKilledWithSigkillLeaveNothingBehind(@TempDir Path tmp) throws Exception {
    assumeTrue(Epoll.isAvailable(), "Netty's native epoll transport does not load here");
    try (JavaProcess master = JavaProcess.startWithFlags(List.of("-Drpcparallel.transport=epoll",
        "-Djava.io.tmpdir=" + tmp), Map.of(), TransportProgram.class)) {
      long worker = Long.parseLong(master.readUntil("WORKER ").split(" ")[1]);
      master.readUntil("READY");
      ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
      assertTrue(Procs.awaitGone(worker, Await.LIMIT));
      assertEquals(List.of(), contents(tmp));
      master.kill();
    }
    assertEquals(List.of(), contents(tmp));
  }

  private static List<Path> contents(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).toList();
    }
  }
}
