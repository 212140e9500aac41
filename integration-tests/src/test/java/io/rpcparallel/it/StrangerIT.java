package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rpcparallel.ShutdownOn;
import io.rpcparallel.SpawnOptions;
import io.rpcparallel.Worker;
import io.rpcparallel.internal.wire.Frames;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers without the run's secret reach a worker's port: they are dropped before anything they
 * send is decoded as a call, and the worker serves its real clients on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StrangerIT {
  private static Worker<TestWorker> worker;
  private static TestWorkerClient client;

  @BeforeAll
  static void spawn() {
    worker = TestWorkerRpc.spawn(TestWorkerImpl.class, TestConfig.of(0),
        SpawnOptions.named("guarded").withShutdownOn(ShutdownOn.HEARTBEAT_TIMEOUT));
    client = TestWorkerRpc.connect(worker);
  }

  @AfterAll
  static void shutdown() throws Exception {
    long pid = client.pid();
    client.control().shutdown();
    Await.exit(pid);
  }

  /** A frame of {@code kind}: its length, kind and body (also for the reliability probes). */
  static byte[] frame(int kind, byte[] body) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.writeInt(1 + body.length);
    d.writeByte(kind);
    d.write(body);
    return b.toByteArray();
  }

  /** The body of a call of {@code add(delta)}. */
  static byte[] callAddBody(long delta) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.writeLong(1);
    d.writeInt(TestWorkerRpc.ADD);
    d.writeLong(delta);
    return b.toByteArray();
  }

  /** Reads the server's greeting, then what follows it until the server closes; returns true if it closed. */
  private static boolean sendAndExpectClose(byte[] bytes) throws IOException {
    try (Socket s = new Socket(worker.host(), worker.port())) {
      s.setSoTimeout(20_000);
      InputStream in = s.getInputStream();
      DataInputStream din = new DataInputStream(in);
      int helloLength = din.readInt();
      assertTrue(helloLength > 0 && helloLength < 1024, "greeting length " + helloLength);
      din.readFully(new byte[helloLength]);
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      try {
        while (in.read() >= 0) {
          // the server must not answer a stranger with anything but a close
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset by the server
      }
    }
  }

  @Test
  void aCallWithoutHandshakeIsDroppedAndNeverRuns() throws Exception {
    long before = client.add(0);
    assertTrue(sendAndExpectClose(frame(10, callAddBody(1000))));
    assertEquals(before, client.add(0), "the stranger's call ran");
  }

  /** A handshake reply of the right shape whose proof (and nonce) are zeros. */
  static byte[] forgedHelloReply() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.writeInt(0x52504350);
    d.writeShort(Frames.VERSION);
    byte[] fp = TestWorkerRpc.FINGERPRINT.getBytes(StandardCharsets.UTF_8);
    d.writeByte(fp.length);
    d.write(fp);
    d.writeByte(32);
    d.write(new byte[32]);
    d.writeByte(32);
    d.write(new byte[32]);
    return frame(2, b.toByteArray());
  }

  @Test
  void aWrongProofIsRefused() throws Exception {
    long before = client.add(0);
    byte[] attempt = forgedHelloReply();
    byte[] withCall = new byte[attempt.length + 64];
    System.arraycopy(attempt, 0, withCall, 0, attempt.length);
    byte[] call = frame(10, callAddBody(5));
    System.arraycopy(call, 0, withCall, attempt.length, call.length);
    assertTrue(sendAndExpectClose(java.util.Arrays.copyOf(withCall, attempt.length + call.length)));
    assertEquals(before, client.add(0));
  }

  @Test
  void garbageAndOversizedFramesAreDropped() throws Exception {
    assertTrue(sendAndExpectClose("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertTrue(sendAndExpectClose(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 2}));
    long total = client.add(0);
    assertEquals(total + 1, client.add(1), "the worker stopped serving");
  }
}
