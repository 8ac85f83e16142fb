package org.vsekai.nebula.desync.patch;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Binary patches in zstd's {@code --patch-from} form: one zstd frame compressed with the old file
 * as its dictionary and a window long enough to reach back over all of it. The frames are plain
 * zstd, so {@code zstd -d --long=31 --patch-from=OLD PATCH} applies ours and we apply its. A
 * recompiled executable shares few whole chunks with its previous build but most of its bytes,
 * shifted; a patch finds those at any offset.
 *
 * <p>The old file is held in memory while a patch is made or applied (zstd needs it as one buffer),
 * so patches are made only for files up to {@link #MAX_SOURCE_BYTES}.
 */
public final class PatchCodec {
  /** The largest old file a patch is made from: zstd's dictionary is one Java array. */
  public static final long MAX_SOURCE_BYTES = 1L << 30;

  /** zstd's largest window on 64-bit machines, as {@code --long=31}. */
  static final int MAX_WINDOW_LOG = 31;

  /**
   * The level patches are made at. Measured on a 60 MB build with 24 rewritten stretches: level 12
   * made a 6.01 MB patch in 1.6 s, level 19 a 5.88 MB one in 40 s; below 9 the match finder misses
   * much of the old file (15 MB at level 3). Patches are made for every changed file of every
   * release, on the service's cores, so 2% of size is not worth 25 times the time.
   */
  public static final int DEFAULT_LEVEL = 12;

  private PatchCodec() {}

  /**
   * Writes the patch that turns {@code source} into {@code result}.
   *
   * @throws PatchException when the source is too large to patch from
   */
  public static void make(Path source, Path result, OutputStream patch, int level)
      throws IOException {
    byte[] dictionary = readSource(source);
    long resultSize = Files.size(result);
    try (ZstdOutputStreamNoFinalizer out = new ZstdOutputStreamNoFinalizer(new NonClosing(patch));
        InputStream in = Files.newInputStream(result)) {
      out.setLevel(level);
      out.setChecksum(true);
      int windowLog = windowLog(Math.max(dictionary.length, resultSize));
      out.setLong(windowLog);
      // zstd indexes only the last 8 << max(hashLog, chainLog) bytes of a dictionary at the faster
      // levels; tables sized to the window make the whole old file reachable, as --patch-from does.
      out.setHashLog(Math.min(27, Math.max(20, windowLog - 2)));
      out.setChainLog(Math.min(27, Math.max(20, windowLog - 1)));
      if (dictionary.length > 0) {
        out.setDict(dictionary);
      }
      in.transferTo(out);
    }
  }

  /**
   * Writes what {@code patch} makes of {@code source} to {@code result}, at most {@code maxBytes}.
   *
   * @return bytes written
   * @throws PatchException when the patch is not a zstd frame for this source, is damaged, or would
   *     write more than {@code maxBytes}
   */
  public static long apply(Path source, InputStream patch, OutputStream result, long maxBytes)
      throws IOException {
    byte[] dictionary = readSource(source);
    long written = 0;
    try (ZstdInputStreamNoFinalizer in =
        new ZstdInputStreamNoFinalizer(new BufferedInputStream(patch, 1 << 16))) {
      in.setLongMax(MAX_WINDOW_LOG);
      if (dictionary.length > 0) {
        in.setDict(dictionary);
      }
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        written += n;
        if (written > maxBytes) {
          throw new PatchException(
              "the patch writes more than the expected " + maxBytes + " bytes");
        }
        result.write(buffer, 0, n);
      }
    } catch (ZstdIOException e) {
      throw new PatchException("the patch does not decode: " + e.getMessage());
    }
    return written;
  }

  /** Whether a file of this size can be patched from. */
  public static boolean canPatchFrom(long sourceBytes) {
    return sourceBytes <= MAX_SOURCE_BYTES;
  }

  /** The window that reaches from the end of a file back to the start of the source. */
  static int windowLog(long bytes) {
    int log = 64 - Long.numberOfLeadingZeros(Math.max(1, bytes - 1));
    return Math.max(10, Math.min(MAX_WINDOW_LOG, log + 1));
  }

  private static byte[] readSource(Path source) throws IOException {
    long size = Files.size(source);
    if (!canPatchFrom(size)) {
      throw new PatchException(
          source
              + " is "
              + size
              + " bytes, more than a patch is made from ("
              + MAX_SOURCE_BYTES
              + ")");
    }
    return Files.readAllBytes(source);
  }

  /** The caller owns the patch stream; finishing the frame must not close it. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
