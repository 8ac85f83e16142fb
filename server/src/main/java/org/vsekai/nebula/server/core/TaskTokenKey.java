package org.vsekai.nebula.server.core;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The install gateway's key for sealing task tokens, base64: configured (every replica of the
 * service needs the same), or else made on first start and kept in {@code
 * <dataDir>/gateway-token-key}.
 */
public final class TaskTokenKey {
  public static final String FILE = "gateway-token-key";

  private TaskTokenKey() {}

  public static String configuredOrStored(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    return SecretFiles.readOrCreate(dataDir.resolve(FILE), TaskTokenKey::random);
  }

  private static String random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
