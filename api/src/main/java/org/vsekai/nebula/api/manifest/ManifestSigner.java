package org.vsekai.nebula.api.manifest;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/** Signs release manifests with the service's Ed25519 key. */
public final class ManifestSigner {
  private final PrivateKey privateKey;
  private final String keyId;

  public ManifestSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.keyId = Ed25519Keys.keyId(publicKey);
  }

  public String keyId() {
    return keyId;
  }

  public SignedManifest sign(ReleaseManifest manifest) {
    byte[] body = ManifestJson.write(manifest);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(SignedManifest.preAuthenticationEncoding(SignedManifest.PAYLOAD_TYPE, body));
      return new SignedManifest(
          SignedManifest.PAYLOAD_TYPE,
          Base64.getEncoder().encodeToString(body),
          List.of(
              new SignedManifest.Signature(keyId, Base64.getEncoder().encodeToString(s.sign()))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }
}
