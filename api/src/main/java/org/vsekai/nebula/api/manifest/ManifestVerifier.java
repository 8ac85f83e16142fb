package org.vsekai.nebula.api.manifest;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.manifest.ManifestRejectedException.Reason;

/**
 * The client's gate for manifests: only a manifest signed by the pinned key, not expired, for the
 * expected product, not older than what is installed and with every path inside the install folder
 * is returned. Each refusal names its {@link Reason}.
 */
public final class ManifestVerifier {
  private final PublicKey pinnedKey;
  private final String pinnedKeyId;

  public ManifestVerifier(PublicKey pinnedKey) {
    this.pinnedKey = pinnedKey;
    this.pinnedKeyId = Ed25519Keys.keyId(pinnedKey);
  }

  /**
   * What the client expects of a manifest. {@code installed} is null for a fresh install; {@code
   * now} is null for a manifest delivered as a TUF target, whose freshness is the signed metadata's
   * expiry, not its own.
   */
  public record Expectation(
      String product, SemVer installed, Instant now, boolean allowDowngrade) {}

  public ReleaseManifest verify(SignedManifest envelope, Expectation expected) {
    ReleaseManifest manifest = verifySignature(envelope);
    check(manifest, expected);
    return manifest;
  }

  /** Checks the signature only and returns the signed manifest. */
  public ReleaseManifest verifySignature(SignedManifest envelope) {
    if (envelope == null || envelope.payload() == null) {
      throw new ManifestRejectedException(Reason.MALFORMED, "manifest envelope is empty");
    }
    if (!SignedManifest.PAYLOAD_TYPE.equals(envelope.payloadType())) {
      throw new ManifestRejectedException(
          Reason.MALFORMED, "unexpected payload type '" + envelope.payloadType() + "'");
    }
    byte[] body = envelope.payloadBytes();
    SignedManifest.Signature sig =
        envelope.signatures().stream()
            .filter(s -> pinnedKeyId.equals(s.keyid()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ManifestRejectedException(
                        Reason.UNTRUSTED_KEY,
                        "manifest is not signed by the pinned key "
                            + pinnedKeyId
                            + " (signed by "
                            + envelope.signatures().stream()
                                .map(SignedManifest.Signature::keyid)
                                .toList()
                            + ")"));
    if (!signatureValid(body, sig.sig())) {
      throw new ManifestRejectedException(
          Reason.BAD_SIGNATURE, "manifest signature does not verify with key " + pinnedKeyId);
    }
    return ManifestJson.read(body, ReleaseManifest.class);
  }

  private boolean signatureValid(byte[] body, String sigBase64) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(pinnedKey);
      s.update(SignedManifest.preAuthenticationEncoding(SignedManifest.PAYLOAD_TYPE, body));
      return s.verify(Base64.getDecoder().decode(sigBase64));
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /** The rules beyond the signature. */
  public static void check(ReleaseManifest m, Expectation expected) {
    if (m.schemaVersion() != ReleaseManifest.SCHEMA_VERSION) {
      throw new ManifestRejectedException(
          Reason.MALFORMED, "unsupported manifest schema version " + m.schemaVersion());
    }
    if (m.product() == null || m.version() == null || m.files() == null || m.expires() == null) {
      throw new ManifestRejectedException(
          Reason.MALFORMED, "manifest lacks product, version, expiry or files");
    }
    if (expected.product() != null && !expected.product().equals(m.product())) {
      throw new ManifestRejectedException(
          Reason.WRONG_PRODUCT,
          "manifest is for product '" + m.product() + "', expected '" + expected.product() + "'");
    }
    if (expected.now() != null && !expected.now().isBefore(m.expires())) {
      throw new ManifestRejectedException(
          Reason.EXPIRED,
          "manifest of " + m.product() + " " + m.version() + " expired at " + m.expires());
    }
    SemVer version;
    try {
      version = SemVer.parse(m.version());
    } catch (InvalidVersionException e) {
      throw new ManifestRejectedException(Reason.MALFORMED, e.getMessage());
    }
    if (expected.installed() != null
        && !expected.allowDowngrade()
        && version.compareTo(expected.installed()) < 0) {
      throw new ManifestRejectedException(
          Reason.DOWNGRADE,
          "manifest version " + version + " is older than the installed " + expected.installed());
    }
    for (ManifestFile f : m.files()) {
      String problem = SafeRelativePath.problem(f.path());
      if (problem != null) {
        throw new ManifestRejectedException(
            Reason.UNSAFE_PATH, "manifest path '" + f.path() + "' is unsafe: " + problem);
      }
      if (f.size() < 0 || f.indexSha256() == null || !f.indexSha256().matches("[0-9a-f]{64}")) {
        throw new ManifestRejectedException(
            Reason.MALFORMED, "manifest entry '" + f.path() + "' has a bad size or index digest");
      }
    }
    // Two entries that are one file on Windows or macOS, or a file that is also a folder, would
    // race each other on disk.
    String collision =
        SafeRelativePath.collision(m.files().stream().map(ManifestFile::path).toList());
    if (collision != null) {
      throw new ManifestRejectedException(Reason.UNSAFE_PATH, "manifest paths clash: " + collision);
    }
    if (m.executablePath() != null && SafeRelativePath.problem(m.executablePath()) != null) {
      throw new ManifestRejectedException(
          Reason.UNSAFE_PATH, "executable path '" + m.executablePath() + "' is unsafe");
    }
  }
}
