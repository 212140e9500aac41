package io.rpcparallel.internal.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge-response both ends of a connection run. Each side sends a fresh nonce and proves
 * it holds the run's secret by an HMAC-SHA256 over both nonces, the interface fingerprint and
 * its role, so a reply can be neither replayed nor reflected.
 */
final class Handshake {
  static final int NONCE_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Handshake() {}

  static byte[] nonce() {
    byte[] n = new byte[NONCE_BYTES];
    RANDOM.nextBytes(n);
    return n;
  }

  static byte[] clientProof(byte[] secret, byte[] serverNonce, byte[] clientNonce, String fingerprint) {
    return mac(secret, "client", serverNonce, clientNonce, fingerprint);
  }

  static byte[] serverProof(byte[] secret, byte[] serverNonce, byte[] clientNonce, String fingerprint) {
    return mac(secret, "server", clientNonce, serverNonce, fingerprint);
  }

  private static byte[] mac(byte[] secret, String role, byte[] first, byte[] second, String fingerprint) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(role.getBytes(StandardCharsets.US_ASCII));
      mac.update(first);
      mac.update(second);
      mac.update(fingerprint.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
