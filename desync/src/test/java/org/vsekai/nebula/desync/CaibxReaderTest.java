package org.vsekai.nebula.desync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.desync.testing.TestData;

class CaibxReaderTest {
  private static byte[] sampleIndex() {
    byte[] data = TestData.random(1, 1 << 20);
    List<Integer> sizes = List.of(200_000, 262_144, 100_000, 486_432);
    List<ChunkId> ids = new ArrayList<>();
    int off = 0;
    for (int s : sizes) {
      ids.add(ChunkId.digest(data, off, s, HashAlgorithm.SHA512_256));
      off += s;
    }
    return CaibxWriter.toBytes(
        ChunkIndex.of(
            ChunkSizes.DEFAULT,
            HashAlgorithm.SHA512_256,
            ChunkIndex.chunksFromSizes(sizes.subList(0, 3), ids.subList(0, 3))));
  }

  @Test
  void roundTripsByteForByte() {
    byte[] bytes = sampleIndex();
    ChunkIndex index = CaibxReader.read(bytes);
    assertThat(index.chunks()).hasSize(3);
    assertThat(index.length()).isEqualTo(562_144);
    assertThat(index.hashAlgorithm()).isEqualTo(HashAlgorithm.SHA512_256);
    assertThat(CaibxWriter.toBytes(index)).isEqualTo(bytes);
  }

  @Test
  void rejectsEveryTruncation() {
    byte[] bytes = sampleIndex();
    for (int len = 0; len < bytes.length; len++) {
      byte[] cut = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> CaibxReader.read(cut, "x.caibx"))
          .as("truncated to %d bytes", len)
          .isInstanceOf(IndexFormatException.class)
          .hasMessageStartingWith("x.caibx ");
    }
  }

  @Test
  void namesWhatIsWrong() {
    assertRejected(with(sampleIndex(), 8, 0x1234L), "bad magic");
    assertRejected(with(sampleIndex(), 56, 0L), "no chunk table");
    byte[] b = sampleIndex();
    assertRejected(with(b, b.length - 8, 0L), "no table tail marker");
    assertRejected(with(b, b.length - 16, 999L), "tail that does not match");
    // second chunk's end offset below the first's
    assertRejected(with(sampleIndex(), 64 + 40, 10L), "non-increasing offset at chunk 1");
    // first chunk larger than max (256 KiB)
    assertRejected(
        with(sampleIndex(), 64, 300_000L), "chunk 0 of 300000 bytes, larger than max 262144");
    assertRejected(with(sampleIndex(), 24, 10L), "invalid chunk sizes");
    byte[] trailing = Arrays.copyOf(sampleIndex(), sampleIndex().length + 7);
    assertRejected(trailing, "not a whole number of items");
  }

  @Test
  void readsCasyncFlagsAndSha256Indexes() {
    byte[] b = with(sampleIndex(), 16, 0xB000000000000000L);
    assertThat(CaibxReader.read(b).hashAlgorithm()).isEqualTo(HashAlgorithm.SHA512_256);
    byte[] sha256 = with(sampleIndex(), 16, 0x8000000000000000L);
    assertThat(CaibxReader.read(sha256).hashAlgorithm()).isEqualTo(HashAlgorithm.SHA256);
  }

  private static byte[] with(byte[] b, int offset, long value) {
    byte[] out = b.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
    return out;
  }

  private static void assertRejected(byte[] bytes, String message) {
    assertThatThrownBy(() -> CaibxReader.read(bytes, "x.caibx"))
        .isInstanceOf(IndexFormatException.class)
        .hasMessageContaining(message);
  }
}
