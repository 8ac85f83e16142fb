package org.vsekai.nebula.api.tuf;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** An Ed25519 private key that signs metadata, with the public key metadata names it by. */
public final class TufSigner {
  /** The DER prefix that turns a 32-byte Ed25519 seed into a PKCS#8 private key. */
  private static final byte[] PKCS8_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");

  private final PrivateKey privateKey;
  private final TufKey publicKey;

  public TufSigner(KeyPair pair) {
    this.privateKey = pair.getPrivate();
    this.publicKey = TufKey.of(pair.getPublic());
  }

  /** A signer from the 32-byte seed (hex) that python-tuf and securesystemslib keep. */
  public static TufSigner fromSeedHex(String seedHex, TufKey publicKey) {
    try {
      byte[] seed = HexFormat.of().parseHex(seedHex.trim());
      if (seed.length != 32) {
        throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
      }
      byte[] der = Arrays.copyOf(PKCS8_PREFIX, 48);
      System.arraycopy(seed, 0, der, 16, 32);
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      return new TufSigner(new KeyPair(publicKey.publicKey(), key));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 seed", e);
    }
  }

  public TufKey key() {
    return publicKey;
  }

  public String keyId() {
    return publicKey.keyId();
  }

  public Metadata.Sig sign(byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(message);
      return new Metadata.Sig(keyId(), HexFormat.of().formatHex(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with Ed25519", e);
    }
  }
}
