package org.vsekai.nebula.desync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest that names chunks. Both are 32 bytes; the index's feature flags say which is used. */
public enum HashAlgorithm {
  /** The default of casync and desync (FIPS 180-4 SHA-512/256, not truncated SHA-512). */
  SHA512_256("SHA-512/256"),
  SHA256("SHA-256");

  private final String jcaName;

  HashAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK lacks " + jcaName, e);
    }
  }

  // MessageDigest instances are not thread-safe and costly to look up; one per thread.
  private final ThreadLocal<MessageDigest> perThread = ThreadLocal.withInitial(this::newDigest);

  MessageDigest threadDigest() {
    MessageDigest d = perThread.get();
    d.reset();
    return d;
  }
}
