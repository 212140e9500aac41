package io.rpcparallel.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  @Test
  void hmacIsTheJdksHmacSha256ForEveryKeyLength() throws Exception {
    Random random = new Random(42);
    for (int keyLength : new int[] {0, 1, 31, 32, 63, 64, 65, 200}) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      byte[] a = new byte[random.nextInt(100)];
      byte[] b = new byte[32];
      random.nextBytes(a);
      random.nextBytes(b);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      if (key.length == 0) {
        // SecretKeySpec refuses an empty key; a one-byte zero key has the same HMAC.
        key = new byte[1];
      }
      mac.update(a);
      mac.update(b);
      assertArrayEquals(mac.doFinal(), Handshake.hmacSha256(key, a, b), "key length " + keyLength);
    }
  }

  @Test
  void proofsDependOnTheRole() {
    byte[] secret = "s".repeat(32).getBytes(StandardCharsets.US_ASCII);
    byte[] n1 = Handshake.nonce();
    byte[] n2 = Handshake.nonce();
    byte[] client = Handshake.clientProof(secret, n1, n2, "fp");
    byte[] server = Handshake.serverProof(secret, n2, n1, "fp");
    org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(client, server));
  }
}
