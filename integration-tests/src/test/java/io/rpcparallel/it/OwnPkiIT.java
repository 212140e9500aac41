package io.rpcparallel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program on its own PKI (README, "Security", "Your own PKI"), with real worker processes: a root
 * CA, an intermediate CA and a node certificate made here, in PKCS12 keystores that
 * {@link OwnPkiMaterial} reads from the class path, and the {@code META-INF/services} file that
 * registers it. Both are in directories put on the class path of the masters this test starts only
 * (their workers inherit it), so no other test's workers see the service.
 */
@ExtendWith(NoLeftoverWorkers.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OwnPkiIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  static Path tmp;
  /** The keystores, under {@link OwnPkiMaterial#DIR}. */
  private static Path keystores;
  /** The service registration. */
  private static Path services;

  @BeforeAll
  static void makePki() throws Exception {
    keystores = tmp.resolve("pki");
    services = tmp.resolve("services");
    Path dir = Files.createDirectories(keystores.resolve(OwnPkiMaterial.DIR));
    // The program's PKI: a root that every process trusts, an intermediate CA that signs the nodes.
    Issued root = issue(null, "CN=rpc-it own root", 1);
    Issued intermediate = issue(root, "CN=rpc-it own intermediate", 0);
    Issued node = issue(intermediate, "CN=rpc-it node", -1);
    writeKeyStore(dir.resolve("node.p12"), node, intermediate);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("root", root.cert());
    try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
      trust.store(out, OwnPkiMaterial.PASSWORD);
    }
    // Another CA, whose certificates the program must refuse.
    Issued other = issue(null, "CN=rpc-it other root", 1);
    writeKeyStore(dir.resolve("stranger.p12"), issue(other, "CN=rpc-it node", -1), other);

    Path registration = Files.createDirectories(services.resolve("META-INF/services"))
        .resolve("io.rpcparallel.TlsMaterial");
    Files.writeString(registration, OwnPkiMaterial.class.getName() + "\n", StandardCharsets.UTF_8);
  }

  /** A key and its certificate. */
  private record Issued(KeyPair key, X509Certificate cert) {}

  /**
   * A fresh key with a certificate for {@code subject}, signed by {@code issuer} (self-signed if
   * null): a CA if {@code pathLength >= 0}, else a node's, for servers and clients.
   */
  private static Issued issue(Issued issuer, String subject, int pathLength) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    KeyPair key = g.generateKeyPair();
    X500Name issuerName = issuer == null ? new X500Name(subject)
        : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
    PrivateKey signer = issuer == null ? key.getPrivate() : issuer.key().getPrivate();
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
        new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), key.getPublic());
    if (pathLength >= 0) {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    }
    return new Issued(key, new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer))));
  }

  /** A keystore with {@code owner}'s key and the chain from its certificate up to {@code ca}'s (the root left out). */
  private static void writeKeyStore(Path file, Issued owner, Issued ca) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("node", owner.key().getPrivate(), OwnPkiMaterial.PASSWORD,
        new Certificate[] {owner.cert(), ca.cert()});
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, OwnPkiMaterial.PASSWORD);
    }
  }

  /** Runs {@link OwnPkiProgram} in {@code mode}, with the keystores and (if {@code registered}) the service on its class path. */
  private static Map<String, String> run(String mode, boolean registered) throws Exception {
    String classPath = keystores + (registered ? File.pathSeparator + services : "") + File.pathSeparator
        + System.getProperty("java.class.path");
    // Without the service the spawn fails: the worker's stderr then stays on the master's, as by default.
    String stderr = registered ? tmp.resolve(mode + "-worker-stderr.txt").toString() : "-";
    try (JavaProcess p = JavaProcess.startOnClassPath(classPath,
        Map.of("RPC_PARALLEL_RPC_SETTINGS", "transport_security=tls,handshake_timeout=5s"), OwnPkiProgram.class,
        mode, stderr)) {
      p.readUntil("DONE");
      assertEquals(0, p.awaitExit(), "the program ended cleanly: " + p.seen());
      System.out.println(mode + (registered ? ", service registered: " : ", no service: ") + p.keyValues());
      return p.keyValues();
    }
  }

  private static void assertOwnPkiWorks(Map<String, String> r) {
    assertEquals(null, r.get("SPAWN_FAILED"), r.toString());
    assertEquals("true", r.get("WORKER_TLS"), r.toString());
    assertEquals("true", r.get("ENCRYPTED"), "master to workers over TLS: " + r);
    assertEquals("[5, 6, 7]", r.get("COUNT"), r.toString());
    assertEquals("[0, 1, 2]", r.get("RELAY"), "worker to worker over TLS: " + r);
    assertEquals("false", r.get("RUN_CA_CREDENTIALS"), "no run CA was made: " + r);
    String stranger = r.get("STRANGER");
    assertTrue(stranger != null && stranger.startsWith("refused: "), "a certificate of another CA is refused: " + r);
    String rejected = r.get("WORKER_REJECTED");
    assertTrue(rejected.contains("rejected connection from") && rejected.contains("TLS handshake failed"),
        "the worker says why it refused: " + rejected);
    // The stranger's certificate reached the worker's trust managers, which refused it.
    assertFalse(rejected.contains("Empty client certificate chain"), rejected);
    assertEquals("6", r.get("PRODUCED"), r.toString());
  }

  @Test
  void aMasterThatSetsItsMaterialAndWorkersThatFindTheServiceTalkOverTlsAndRefuseAnotherCa() throws Exception {
    assertOwnPkiWorks(run("explicit", true));
  }

  @Test
  void aMasterThatFindsTheServiceWorksTheSame() throws Exception {
    assertOwnPkiWorks(run("service", true));
  }

  @Test
  void workersWithoutTheServiceFailTheSpawnSayingWhatToRegister() throws Exception {
    Map<String, String> r = run("explicit", false);
    String failed = r.get("SPAWN_FAILED");
    assertTrue(failed != null && failed.contains("META-INF/services/io.rpcparallel.TlsMaterial"), r.toString());
  }
}
