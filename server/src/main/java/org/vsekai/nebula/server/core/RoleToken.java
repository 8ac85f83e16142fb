package org.vsekai.nebula.server.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The bearer token publishing and admin calls must carry. Configured, or else generated once and
 * kept in {@code <dataDir>/publisher-token}, so the service is never open to anonymous writes.
 */
public final class PublisherToken {
  public static final String FILE = "publisher-token";
  private static final String SCHEME = "bearer ";

  private final String token;
  private final byte[] tokenBytes;

  public PublisherToken(String token) {
    if (token == null || token.isBlank())
      throw new IllegalArgumentException("the publisher token is empty");
    this.token = token.strip();
    this.tokenBytes = this.token.getBytes(StandardCharsets.UTF_8);
  }

  public static PublisherToken configuredOrStored(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) return new PublisherToken(configured);
    return new PublisherToken(
        SecretFiles.readOrCreate(dataDir.resolve(FILE), PublisherToken::random));
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
   * Whether an {@code Authorization} header value carries this token, compared in constant time.
   */
  public boolean accepts(String authorization) {
    if (authorization == null || authorization.length() <= SCHEME.length()) return false;
    if (!authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME))
      return false;
    byte[] offered =
        authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(offered, tokenBytes);
  }
}
