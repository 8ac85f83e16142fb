package org.vsekai.nebula.server.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestSigner;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.server.config.SigningFactory;

/** The service's manifest signing key pair and the signer made from it. */
public final class SigningKeys {
  static final String PRIVATE_FILE = "signing/ed25519.key";
  static final String PUBLIC_FILE = "signing/ed25519.pub";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final ManifestSigner signer;

  SigningKeys(PrivateKey privateKey, PublicKey publicKey) {
    requireMatching(privateKey, publicKey);
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.signer = new ManifestSigner(privateKey, publicKey);
  }

  /** The configured pair, or the pair kept in the data folder (made on first start). */
  public static SigningKeys configuredOrStored(SigningFactory config, Path dataDir) {
    if (config.configured()) {
      if (config.publicKey() == null || config.publicKey().isBlank()) {
        throw new IllegalArgumentException(
            "signing.privateKey is set but signing.publicKey is not");
      }
      return new SigningKeys(
          Ed25519Keys.privateKey(config.privateKey()), Ed25519Keys.publicKey(config.publicKey()));
    }
    KeyPair[] generated = new KeyPair[1];
    String priv =
        SecretFiles.readOrCreate(
            dataDir.resolve(PRIVATE_FILE),
            () -> {
              generated[0] = Ed25519Keys.generate();
              return Ed25519Keys.encode(generated[0].getPrivate());
            });
    String pub =
        SecretFiles.readOrCreate(
            dataDir.resolve(PUBLIC_FILE),
            () -> {
              if (generated[0] == null) {
                throw new IllegalStateException(
                    dataDir.resolve(PRIVATE_FILE) + " exists but its public key file does not");
              }
              return Ed25519Keys.encode(generated[0].getPublic());
            });
    return new SigningKeys(Ed25519Keys.privateKey(priv), Ed25519Keys.publicKey(pub));
  }

  public ManifestSigner signer() {
    return signer;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return signer.keyId();
  }

  /**
   * The same key as a TUF signer: the first TUF root names it as the root role's only key, so an
   * install that pinned it before TUF can verify that root and follow the chain from there.
   */
  public TufSigner tufSigner() {
    return new TufSigner(new KeyPair(publicKey, privateKey));
  }

  public String publicKeyBase64() {
    return Ed25519Keys.encode(publicKey);
  }

  // A mismatched pair would sign manifests no client can verify; refuse to start instead.
  private static void requireMatching(PrivateKey privateKey, PublicKey publicKey) {
    try {
      byte[] probe = "nebula key check".getBytes(StandardCharsets.UTF_8);
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(publicKey);
      s.update(probe);
      if (!s.verify(sig)) {
        throw new IllegalArgumentException("the signing private and public keys are not a pair");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the signing keys are not usable Ed25519 keys: " + e.getMessage(), e);
    }
  }
}
