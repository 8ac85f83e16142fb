package org.vsekai.nebula.desync;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The {@code .cacnk} encoding: one zstd frame. We write frames that carry their content size, as
 * desync does; we read those and casync's streaming frames without one. Decompression is bounded,
 * so a hostile store cannot make us allocate more than a chunk's maximum size.
 */
public final class ChunkCodec {
  /** zstd's default level, the one casync and desync use. */
  public static final int LEVEL = 3;

  // Contexts keep their work buffers between calls; one per thread, as they are not thread-safe.
  private static final ThreadLocal<ZstdCompressCtx> COMPRESS =
      ThreadLocal.withInitial(
          () -> {
            ZstdCompressCtx c = new ZstdCompressCtx();
            c.setLevel(LEVEL);
            c.setContentSize(true);
            return c;
          });
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);

  private ChunkCodec() {}

  public static byte[] compress(byte[] data) {
    return compress(data, 0, data.length);
  }

  public static byte[] compress(byte[] data, int off, int len) {
    byte[] dst = new byte[(int) Zstd.compressBound(len)];
    int n = COMPRESS.get().compressByteArray(dst, 0, dst.length, data, off, len);
    return Arrays.copyOf(dst, n);
  }

  /** The largest file a chunk of up to {@code maxSize} bytes compresses to: zstd's worst case. */
  public static long maxCompressedSize(long maxSize) {
    return maxSize + maxSize / 128 + 1024;
  }

  /** The smallest zstd frame: a 4-byte magic, a 2-byte header and a 3-byte empty last block. */
  static final int MIN_FRAME_BYTES = 9;

  /**
   * Decompresses a chunk file's bytes.
   *
   * @throws ChunkInvalidException (without an id; callers add it) when the bytes are not zstd or
   *     decompress to more than {@code maxSize}
   */
  public static byte[] decompress(byte[] compressed, int maxSize) {
    if (compressed.length < MIN_FRAME_BYTES) {
      // zstd-jni reads the frame header without a length check: an empty file would be an
      // ArrayIndexOutOfBoundsException rather than what it is, a bad chunk.
      throw new ChunkInvalidException(
          null, "is not valid zstd (" + compressed.length + " bytes, too short for a zstd frame)");
    }
    long declared = Zstd.getFrameContentSize(compressed);
    if (declared > maxSize) {
      throw new ChunkInvalidException(
          null, "decompresses to " + declared + " bytes, more than " + maxSize);
    }
    if (declared >= 0) {
      try {
        byte[] out = new byte[(int) declared];
        int n =
            DECOMPRESS
                .get()
                .decompressByteArray(out, 0, out.length, compressed, 0, compressed.length);
        if (n == out.length) {
          return out;
        }
      } catch (ZstdException e) {
        // Several frames, or a lying header: the streaming path below settles it.
      }
    }
    return decompressStreaming(compressed, maxSize);
  }

  private static byte[] decompressStreaming(byte[] compressed, int maxSize) {
    try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
      byte[] out = in.readNBytes(maxSize + 1);
      if (out.length > maxSize) {
        throw new ChunkInvalidException(null, "decompresses to more than " + maxSize + " bytes");
      }
      return out;
    } catch (IOException | ZstdException e) {
      throw new ChunkInvalidException(null, "is not valid zstd (" + e.getMessage() + ")");
    }
  }
}
