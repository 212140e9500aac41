package io.rpcparallel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The table {@link RpcStatus#toString()} prints (docs/observability.md). */
class RpcStatusTest {
  @Test
  void theTableHasAColumnPerFieldWithDashesForWhatIsUnknown() {
    WorkerStatus spawned = new WorkerStatus("812-1", Optional.of("sq-0"), "a.Squarer", "127.0.0.1", 40711,
        OptionalLong.of(901), Optional.of(WorkerStatus.How.LOCAL), Optional.of(ShutdownOn.CONNECTION_CLOSED),
        WorkerStatus.State.UP, OptionalInt.empty(), 1, 2, 0, Optional.of(Duration.ofMillis(2_460)));
    WorkerStatus dead = new WorkerStatus("812-2", Optional.empty(), "a.Squarer", "127.0.0.1", 40713,
        OptionalLong.of(917), Optional.of(WorkerStatus.How.SSH), Optional.of(ShutdownOn.HEARTBEAT_TIMEOUT),
        WorkerStatus.State.DEAD, OptionalInt.of(137), 0, 0, 0, Optional.of(Duration.ofMillis(61_000)));
    WorkerStatus starting = new WorkerStatus("812-3", Optional.of("sq-2"), "a.Squarer", "", 0, OptionalLong.empty(),
        Optional.of(WorkerStatus.How.SLURM), Optional.of(ShutdownOn.EXPLICIT), WorkerStatus.State.STARTING,
        OptionalInt.empty(), 0, 0, 0, Optional.of(Duration.ofMillis(50)));
    WorkerStatus connected = new WorkerStatus("77-4", Optional.of("peer"), "a.Squarer", "10.0.0.2", 5000,
        OptionalLong.empty(), Optional.empty(), Optional.empty(), WorkerStatus.State.UP, OptionalInt.empty(), 2, 0,
        3, Optional.empty());
    RpcStatus status = new RpcStatus(Instant.parse("2025-06-01T12:00:00Z"),
        List.of(spawned, dead, starting, connected));
    assertEquals(String.join("\n",
        "rpc-parallel status at 2025-06-01T12:00:00Z: 4 workers",
        "NAME  ID     STATE     HOW    HOST:PORT        PID  SHUTDOWN_ON        CONNS  IN_FLIGHT  STREAMS  UPTIME",
        "sq-0  812-1  UP        LOCAL  127.0.0.1:40711  901  CONNECTION_CLOSED  1      2          0        2.4s",
        "-     812-2  DEAD      SSH    127.0.0.1:40713  917  HEARTBEAT_TIMEOUT  0      0          0        61.0s (exit 137)",
        "sq-2  812-3  STARTING  SLURM  -                -    EXPLICIT           0      0          0        0.0s",
        "peer  77-4   UP        -      10.0.0.2:5000    -    -                  2      0          3        -"),
        status.toString());
    assertEquals("sq-2", starting.displayName());
    assertEquals("812-2", dead.displayName());
    assertEquals(false, connected.spawnedHere());
  }

  @Test
  void anEmptySnapshotIsAHeadingAndAHeader() {
    assertEquals("rpc-parallel status at 2025-06-01T12:00:00Z: 0 workers\n"
        + "NAME  ID  STATE  HOW  HOST:PORT  PID  SHUTDOWN_ON  CONNS  IN_FLIGHT  STREAMS  UPTIME",
        new RpcStatus(Instant.parse("2025-06-01T12:00:00Z"), List.of()).toString());
  }
}
