package org.vsekai.nebula.desync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vsekai.nebula.desync.testing.TestData;

/** The parallel make must produce exactly the sequential chunker's index, whatever the data. */
class ParallelChunkingTest {
  // Small chunks make many segments out of little data, so workers must line up often.
  private static final ChunkSizes SMALL = new ChunkSizes(1024, 4096, 16384);
  @TempDir Path dir;

  static Stream<Arguments> inputs() {
    byte[] zerosInTheMiddle = TestData.random(3, 4 << 20);
    Arrays.fill(zerosInTheMiddle, 1 << 20, 3 << 20, (byte) 0);
    byte[] shortRepeats = TestData.repeats(4, 333, 4 << 20);
    byte[] longRepeats = TestData.repeats(5, 20000, 4 << 20);
    return Stream.of(
        Arguments.of("random", TestData.random(1, 6 << 20)),
        Arguments.of("zeros", new byte[4 << 20]),
        Arguments.of("zeros-in-the-middle", zerosInTheMiddle),
        Arguments.of("short-repeats", shortRepeats),
        Arguments.of("long-repeats", longRepeats));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void everyThreadCountGivesTheSequentialIndex(String name, byte[] data) throws Exception {
    Path file = TestData.write(dir.resolve(name), data);
    ChunkIndex sequential = new IndexMaker(SMALL).threads(1).make(file).index();
    assertThat(sequential.length()).isEqualTo(data.length);
    for (int threads : new int[] {2, 3, 5, 8, 16}) {
      ChunkIndex parallel = new IndexMaker(SMALL).threads(threads).make(file).index();
      assertThat(parallel.chunks()).as("%d threads", threads).isEqualTo(sequential.chunks());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void parallelMakeStoresExactlyTheIndexedChunks(String name, byte[] data) throws Exception {
    Path file = TestData.write(dir.resolve(name), data);
    LocalChunkStore store = new LocalChunkStore(dir.resolve("store"));
    ChunkIndex index = new IndexMaker(SMALL).threads(8).store(store).make(file).index();
    Set<ChunkId> stored = new HashSet<>();
    store.forEachId(stored::add);
    assertThat(stored).containsAll(index.distinctIds());
    new Extractor(store).extract(index, dir.resolve("out"));
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(data);
  }
}
