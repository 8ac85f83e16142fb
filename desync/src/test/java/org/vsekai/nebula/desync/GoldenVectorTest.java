package org.vsekai.nebula.desync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vsekai.nebula.desync.testing.TestData;

/**
 * The reference vectors of casync-format.md, observed with the real casync, and committed golden
 * inputs ({@code src/test/resources/chunker/}) with every chunk's offset, size and full id as
 * desync v1.0.4 cut them, as desync's own chunker tests keep {@code testdata/}.
 */
class GoldenVectorTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "random-256k.bin, default",
    "random-256k.bin, small",
    "text-320k.txt, default",
    "text-320k.txt, small"
  })
  void committedInputsGiveDesyncsChunksExactly(String input, String sizes) throws Exception {
    ChunkSizes chunkSizes =
        sizes.equals("default") ? ChunkSizes.DEFAULT : new ChunkSizes(2048, 8192, 32768);
    Path file = dir.resolve(input);
    try (var in = GoldenVectorTest.class.getResourceAsStream("/chunker/" + input)) {
      Files.copy(in, file);
    }
    List<String> expected;
    try (var in =
        GoldenVectorTest.class.getResourceAsStream("/chunker/" + input + "." + sizes + ".chunks")) {
      expected =
          new String(in.readAllBytes(), StandardCharsets.US_ASCII)
              .lines()
              .filter(l -> !l.startsWith("#"))
              .toList();
    }
    for (int threads : new int[] {1, 4}) {
      List<String> actual =
          new IndexMaker(chunkSizes)
              .threads(threads).make(file).index().chunks().stream()
                  .map(c -> c.start() + " " + c.size() + " " + c.id().toHex())
                  .toList();
      assertThat(actual).as("%d thread(s)", threads).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void rand5mGivesCasyncsChunks() throws Exception {
    Path file = TestData.write(dir.resolve("rand5m.bin"), TestData.aesCtr(5_000_000));
    ChunkIndex index = new IndexMaker(ChunkSizes.DEFAULT).threads(1).make(file).index();
    List<IndexChunk> chunks = index.chunks();
    assertThat(chunks).hasSize(82);
    assertThat(chunks.get(0).end()).isEqualTo(138984);
    assertThat(chunks.get(0).id().toHex()).startsWith("88172d4e");
    assertThat(chunks.get(1).end()).isEqualTo(158995);
    assertThat(chunks.get(1).id().toHex()).startsWith("f0431a5a");
    assertThat(chunks.get(81).id().toHex()).startsWith("0b96a3c2");
    assertThat(CaibxWriter.toBytes(index)).hasSize(3384);
  }

  @Test
  void oneMebibyteOfZerosIsFourMaxChunksWithOneId() throws Exception {
    Path file = TestData.write(dir.resolve("zeros"), new byte[1 << 20]);
    ChunkIndex index = new IndexMaker(ChunkSizes.DEFAULT).make(file).index();
    assertThat(index.chunks()).hasSize(4).allSatisfy(c -> assertThat(c.size()).isEqualTo(262144));
    assertThat(index.distinctIds()).hasSize(1);
    assertThat(index.chunks().get(0).id().toHex()).startsWith("1c810994");
  }

  @Test
  void helloWorldIsOneChunkOf21CompressedBytes() {
    byte[] data = "hello world\n".getBytes(StandardCharsets.US_ASCII);
    ChunkId id = ChunkId.digest(data);
    assertThat(id.toHex()).startsWith("bf73ee1f").endsWith("1134");
    assertThat(ChunkCodec.compress(data)).hasSize(21);
  }

  @Test
  void discriminatorsMatchTheFormatNote() {
    assertThat(new ChunkSizes(16384, 65536, 262144).discriminator()).isEqualTo(49535);
    assertThat(new ChunkSizes(4096, 16384, 65536).discriminator()).isEqualTo(12318);
  }

  @Test
  void emptyBlobGivesTheEmptyIndex() throws Exception {
    Path file = TestData.write(dir.resolve("empty"), new byte[0]);
    ChunkIndex index = new IndexMaker(ChunkSizes.DEFAULT).make(file).index();
    assertThat(index.chunks()).isEmpty();
    assertThat(CaibxWriter.toBytes(index)).hasSize(104);
  }
}
