package org.vsekai.nebula.desync.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Reproducible test inputs: the reference AES-CTR stream, seeded random bytes, patterns. */
public final class TestData {
  private TestData() {}

  /**
   * The bytes of {@code openssl enc -aes-128-ctr -nosalt -K 000102..0f -iv 0} over zeros, the
   * reference data of casync-format.md.
   */
  public static byte[] aesCtr(int length) {
    try {
      byte[] key = new byte[16];
      for (int i = 0; i < 16; i++) {
        key[i] = (byte) i;
      }
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
      return c.doFinal(new byte[length]);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] random(long seed, int length) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Random bytes written in pieces, for files larger than is comfortable in one array. */
  public static Path randomFile(Path file, long seed, long length) throws IOException {
    Random r = new Random(seed);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = length; left > 0; ) {
        r.nextBytes(block);
        int n = (int) Math.min(block.length, left);
        out.write(block, 0, n);
        left -= n;
      }
    }
    return file;
  }

  /** {@code base} with {@code count} random spans of {@code span} bytes overwritten. */
  public static byte[] mutate(byte[] base, long seed, int count, int span) {
    byte[] out = base.clone();
    Random r = new Random(seed);
    for (int i = 0; i < count; i++) {
      int at = r.nextInt(Math.max(1, out.length - span));
      byte[] noise = new byte[Math.min(span, out.length - at)];
      r.nextBytes(noise);
      System.arraycopy(noise, 0, out, at, noise.length);
    }
    return out;
  }

  /** A block of {@code unit} random bytes repeated to {@code length}. */
  public static byte[] repeats(long seed, int unit, int length) {
    byte[] u = random(seed, unit);
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = u[i % unit];
    }
    return out;
  }

  public static Path write(Path file, byte[] data) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, data);
  }
}
