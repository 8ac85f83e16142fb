package org.vsekai.nebula.server.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.vsekai.nebula.api.BearerHeader;

/**
 * The bearer token of one of the service's own roles: the publisher's (publishing, catalog and
 * rollouts) or support staff's (reading installs and update records, revoking install credentials).
 * Configured, or else generated once and kept in {@code <dataDir>/<role>-token}, so the service is
 * never open to anonymous writes.
 */
public final class RoleToken {
  public static final String PUBLISHER_FILE = "publisher-token";
  public static final String SUPPORT_FILE = "support-token";

  private final String token;
  private final byte[] tokenBytes;

  public RoleToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a role token is empty");
    }
    this.token = token.strip();
    this.tokenBytes = this.token.getBytes(StandardCharsets.UTF_8);
  }

  /** The configured token, or the one kept in {@code dataDir/file}, made on first use. */
  public static RoleToken configuredOrStored(String configured, Path dataDir, String file) {
    if (configured != null && !configured.isBlank()) {
      return new RoleToken(configured);
    }
    return new RoleToken(SecretFiles.readOrCreate(dataDir.resolve(file), RoleToken::random));
  }

  private static String random() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public String value() {
    return token;
  }

  /**
   * Whether a bearer credential (the header without its scheme) is this token, in constant time.
   */
  public boolean matches(String credential) {
    if (credential == null) {
      return false;
    }
    return MessageDigest.isEqual(credential.strip().getBytes(StandardCharsets.UTF_8), tokenBytes);
  }

  /**
   * Whether an {@code Authorization} header value carries this token, compared in constant time.
   */
  public boolean accepts(String authorization) {
    return matches(BearerHeader.credential(authorization));
  }
}
