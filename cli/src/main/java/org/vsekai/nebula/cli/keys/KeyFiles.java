package org.vsekai.nebula.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;

/**
 * Key files of release engineers. A private key is securesystemslib's unencrypted key form, {@code
 * {"keytype": "ed25519", "scheme": "ed25519", "keyval": {"public": hex, "private": hex of the
 * 32-byte seed}}}, readable by 0600 only; the public one is the TUF key object. The service's own
 * manifest key files (base64 DER, {@code signing/ed25519.key} beside {@code ed25519.pub}) are read
 * too: that key signs root 1, so it signs the first rotation.
 */
final class KeyFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyFiles() {}

  /** Writes a new key pair as {@code <dir>/<name>.key} and {@code <dir>/<name>.pub}. */
  static TufKey create(Path dir, String name) throws IOException {
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("a key name is letters, digits, '.', '_' or '-'");
    }
    Files.createDirectories(dir);
    KeyPair pair = Ed25519Keys.generate();
    TufKey key = TufKey.of(pair.getPublic());
    byte[] der = pair.getPrivate().getEncoded();
    ObjectNode priv = (ObjectNode) key.json();
    ((ObjectNode) priv.get("keyval"))
        .put(
            "private",
            HexFormat.of().formatHex(Arrays.copyOfRange(der, der.length - 32, der.length)));
    Path privFile = dir.resolve(name + ".key");
    Path pubFile = dir.resolve(name + ".pub");
    if (Files.exists(privFile) || Files.exists(pubFile)) {
      throw new FileAlreadyExistsException(
          privFile + " or " + pubFile + " exists; choose another name");
    }
    try {
      Files.createFile(
          privFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(privFile); // Windows: the folder's ACL protects it
    }
    Files.write(
        privFile,
        JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(priv),
        StandardOpenOption.TRUNCATE_EXISTING);
    Files.write(pubFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(key.json()));
    return key;
  }

  /** A signer from a private key file of either form. */
  static TufSigner signer(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (text.startsWith("{")) {
      JsonNode json = JSON.readTree(text);
      String seed = json.path("keyval").path("private").asText("");
      if (seed.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no private key");
      }
      return TufSigner.fromSeedHex(seed, TufKey.fromJson(json));
    }
    Path pub =
        file.resolveSibling(file.getFileName().toString().replaceFirst("\\.key$", "") + ".pub");
    if (!Files.isRegularFile(pub)) {
      throw new IllegalArgumentException(
          file + " is a base64 key; its public half " + pub + " is needed beside it");
    }
    return new TufSigner(
        new KeyPair(Ed25519Keys.publicKey(Files.readString(pub)), Ed25519Keys.privateKey(text)));
  }

  /** A public key file: the TUF key object, or the service's base64 X.509 form. */
  static TufKey publicKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (text.startsWith("{")) {
      return TufKey.fromJson(JSON.readTree(text));
    }
    return TufKey.of(Ed25519Keys.publicKey(text));
  }
}
