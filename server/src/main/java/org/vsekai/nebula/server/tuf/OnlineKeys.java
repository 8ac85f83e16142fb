package org.vsekai.nebula.server.tuf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.server.config.TufFactory;
import org.vsekai.nebula.server.core.SecretFiles;

/**
 * The private keys of the online roles (timestamp, snapshot, targets) the service holds: the one
 * configured for a role, and those kept as {@code <dataDir>/tuf/<role>/*.key} (base64 PKCS#8). A
 * role with neither gets a key on first start. Rotation adds a key and keeps the old ones: which of
 * them sign is the current root's decision, so a key the release engineer has not yet put into a
 * root signs nothing, and one removed from it stops signing at once.
 *
 * <p>The folder is read again on every use, so replicas that share it see a key another replica
 * made.
 */
public final class OnlineKeys {
  public static final List<String> ROLES = List.of("timestamp", "snapshot", "targets");

  private static final String SUFFIX = ".key";

  private final TufFactory config;
  private final Path dir;

  private OnlineKeys(TufFactory config, Path dir) {
    this.config = config;
    this.dir = dir;
  }

  /** The configured keys and those under {@code <dataDir>/tuf/}, making a first key where none. */
  public static OnlineKeys configuredOrStored(TufFactory config, Path dataDir) {
    OnlineKeys keys = new OnlineKeys(config, dataDir.resolve("tuf"));
    for (String role : ROLES) {
      if (keys.held(role).isEmpty()) {
        SecretFiles.readOrCreate(
            keys.dir.resolve(role).resolve("first" + SUFFIX),
            () -> Ed25519Keys.encode(Ed25519Keys.generate().getPrivate()));
      }
    }
    return keys;
  }

  /** Every key held for {@code role}, the configured one first. */
  public List<TufSigner> held(String role) {
    requireOnline(role);
    List<TufSigner> out = new ArrayList<>();
    String configured = config.key(role);
    if (configured != null) {
      out.add(signer(configured, "tuf." + role + "Key"));
    }
    Path roleDir = dir.resolve(role);
    if (!Files.isDirectory(roleDir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(roleDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(SUFFIX)).sorted().toList()) {
        TufSigner s = signer(Files.readString(f, StandardCharsets.UTF_8).strip(), f.toString());
        if (out.stream().noneMatch(o -> o.keyId().equals(s.keyId()))) {
          out.add(s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TUF keys in " + roleDir, e);
    }
    return out;
  }

  /** Makes and keeps a new key for {@code role}; it signs once a root names it. */
  public TufKey create(String role) {
    requireOnline(role);
    KeyPair pair = Ed25519Keys.generate();
    TufSigner signer = new TufSigner(pair);
    SecretFiles.readOrCreate(
        dir.resolve(role).resolve(signer.keyId() + SUFFIX),
        () -> Ed25519Keys.encode(pair.getPrivate()));
    return signer.key();
  }

  private static void requireOnline(String role) {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException(
          "'" + role + "' is not an online role; one of " + String.join(", ", ROLES));
    }
  }

  private static TufSigner signer(String base64Pkcs8, String where) {
    try {
      PrivateKey key = Ed25519Keys.privateKey(base64Pkcs8);
      return new TufSigner(new KeyPair(publicKeyOf(key), key));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          where + " is not a base64 PKCS#8 Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /**
   * The public half of an Ed25519 private key. The JDK cannot derive it directly, but its key pair
   * generator makes the private key from 32 random bytes and computes the public key from them (RFC
   * 8032, 5.1.5); handed the key's own 32 bytes, it computes this key's public half.
   */
  static PublicKey publicKeyOf(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey ed)) {
      throw new IllegalArgumentException("not an Ed25519 private key");
    }
    byte[] seed =
        ed.getBytes().orElseThrow(() -> new IllegalArgumentException("the key hides its bytes"));
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  }

  /** A "random" source that yields one given array: only ever used to rebuild a key pair. */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("asked for " + out.length + " bytes, not the key's 32");
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
