package io.rpcparallel.internal.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

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
    return hmacSha256(secret, role.getBytes(StandardCharsets.US_ASCII), first, second,
        fingerprint.getBytes(StandardCharsets.UTF_8));
  }

  private static final int BLOCK = 64;

  /**
   * HMAC-SHA256 (RFC 2104) of the concatenated {@code parts}, over {@link MessageDigest}: the same
   * bytes as {@code Mac.getInstance("HmacSHA256")}, without initialising the JCE framework (its
   * crypto policy and provider checks), which cost a fresh worker tens of milliseconds before it
   * could register.
   */
  static byte[] hmacSha256(byte[] key, byte[]... parts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    byte[] k = key.length > BLOCK ? sha.digest(key) : key;
    byte[] ipad = new byte[BLOCK];
    byte[] opad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    sha.update(ipad);
    for (byte[] p : parts) {
      sha.update(p);
    }
    byte[] inner = sha.digest();
    sha.update(opad);
    sha.update(inner);
    return sha.digest();
  }
}
