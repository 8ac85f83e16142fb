package org.vsekai.nebula.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.manifest.ManifestRejectedException.Reason;

class ManifestVerifierTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final String DIGEST = "ab".repeat(32);
  private final KeyPair keys = Ed25519Keys.generate();
  private final ManifestSigner signer = new ManifestSigner(keys.getPrivate(), keys.getPublic());
  private final ManifestVerifier verifier = new ManifestVerifier(keys.getPublic());

  private static ReleaseManifest manifest(String version, Instant expires, String... paths) {
    List<ManifestFile> files =
        Arrays.stream(paths).map(p -> new ManifestFile(p, 10, "0644", DIGEST)).toList();
    return new ReleaseManifest(
        ReleaseManifest.SCHEMA_VERSION,
        "v-sekai",
        version,
        "stable",
        NOW.minusSeconds(60),
        expires,
        new ReleaseManifest.ChunkingParameters(16384, 65536, 262144),
        "bin/v-sekai",
        files);
  }

  private static ManifestVerifier.Expectation expect(String installed) {
    return new ManifestVerifier.Expectation(
        "v-sekai", installed == null ? null : SemVer.parse(installed), NOW, false);
  }

  @Test
  void acceptsWhatWasSigned() {
    ReleaseManifest m =
        manifest("0.2.0", NOW.plus(Duration.ofDays(30)), "bin/v-sekai", "data/a.pck");
    ReleaseManifest verified = verifier.verify(signer.sign(m), expect("0.1.0"));
    assertThat(verified).isEqualTo(m);
    assertThat(ManifestJson.read(ManifestJson.write(signer.sign(m)), SignedManifest.class))
        .isEqualTo(signer.sign(m));
  }

  @Test
  void refusesATamperedPayload() {
    SignedManifest s = signer.sign(manifest("0.2.0", NOW.plusSeconds(3600), "a"));
    String json = new String(s.payloadBytes()).replace("\"size\":10", "\"size\":11");
    SignedManifest tampered =
        new SignedManifest(
            s.payloadType(), Base64.getEncoder().encodeToString(json.getBytes()), s.signatures());
    assertRejected(tampered, expect(null), Reason.BAD_SIGNATURE, "does not verify");
  }

  @Test
  void refusesAnotherKey() {
    KeyPair other = Ed25519Keys.generate();
    SignedManifest s =
        new ManifestSigner(other.getPrivate(), other.getPublic())
            .sign(manifest("0.2.0", NOW.plusSeconds(60), "a"));
    assertRejected(s, expect(null), Reason.UNTRUSTED_KEY, "not signed by the pinned key");
  }

  @Test
  void refusesASignatureFromAnotherKeyUnderThePinnedId() {
    KeyPair other = Ed25519Keys.generate();
    SignedManifest theirs =
        new ManifestSigner(other.getPrivate(), other.getPublic())
            .sign(manifest("0.2.0", NOW.plusSeconds(60), "a"));
    SignedManifest relabelled =
        new SignedManifest(
            theirs.payloadType(),
            theirs.payload(),
            List.of(
                new SignedManifest.Signature(signer.keyId(), theirs.signatures().get(0).sig())));
    assertRejected(relabelled, expect(null), Reason.BAD_SIGNATURE, "does not verify");
  }

  @Test
  void refusesAnExpiredManifest() {
    assertRejected(
        signer.sign(manifest("0.2.0", NOW.minusSeconds(1), "a")),
        expect(null),
        Reason.EXPIRED,
        "expired");
  }

  @Test
  void refusesADowngradeUnlessAsked() {
    SignedManifest s = signer.sign(manifest("0.1.0", NOW.plusSeconds(60), "a"));
    assertRejected(s, expect("0.2.0"), Reason.DOWNGRADE, "older than the installed 0.2.0");
    ManifestVerifier.Expectation allow =
        new ManifestVerifier.Expectation("v-sekai", SemVer.parse("0.2.0"), NOW, true);
    assertThat(verifier.verify(s, allow).version()).isEqualTo("0.1.0");
  }

  @Test
  void refusesPathsThatEscape() {
    for (String bad :
        List.of("../x", "a/../../x", "/etc/passwd", "C:/Windows/x", "a\\..\\x", "a//b", "./a")) {
      assertRejected(
          signer.sign(manifest("0.2.0", NOW.plusSeconds(60), bad)),
          expect(null),
          Reason.UNSAFE_PATH,
          "unsafe");
    }
  }

  @Test
  void refusesAnotherProductAndGarbage() {
    SignedManifest s = signer.sign(manifest("0.2.0", NOW.plusSeconds(60), "a"));
    assertRejected(
        s,
        new ManifestVerifier.Expectation("other", null, NOW, false),
        Reason.WRONG_PRODUCT,
        "expected 'other'");
    SignedManifest garbage = new SignedManifest(SignedManifest.PAYLOAD_TYPE, "%%%", s.signatures());
    assertRejected(garbage, expect(null), Reason.MALFORMED, "not base64");
  }

  private void assertRejected(
      SignedManifest s, ManifestVerifier.Expectation e, Reason reason, String text) {
    assertThatThrownBy(() -> verifier.verify(s, e))
        .isInstanceOf(ManifestRejectedException.class)
        .hasMessageContaining(text)
        .satisfies(t -> assertThat(((ManifestRejectedException) t).reason()).isEqualTo(reason));
  }
}
