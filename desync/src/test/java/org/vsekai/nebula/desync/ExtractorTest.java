package org.vsekai.nebula.desync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.InMemoryChunkStore;
import org.vsekai.nebula.desync.testing.TestData;

class ExtractorTest {
  private static final ChunkSizes SIZES = new ChunkSizes(4096, 16384, 65536);
  @TempDir Path dir;
  private InMemoryChunkStore store;
  private byte[] v1;
  private byte[] v2;
  private ChunkIndex v1Index;
  private ChunkIndex v2Index;

  @BeforeEach
  void publishTwoVersions() throws Exception {
    store = new InMemoryChunkStore();
    v1 = TestData.random(1, 4 << 20);
    v2 = TestData.mutate(v1, 2, 10, 3000);
    v1Index =
        new IndexMaker(SIZES).store(store).make(TestData.write(dir.resolve("pub/v1"), v1)).index();
    v2Index =
        new IndexMaker(SIZES).store(store).make(TestData.write(dir.resolve("pub/v2"), v2)).index();
  }

  @Test
  void extractsFromTheStoreAlone() throws Exception {
    ExtractStats stats = new Extractor(store).extract(v2Index, dir.resolve("out"));
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(v2);
    assertThat(stats.bytesFetched()).isEqualTo(IndexInfo.of(v2Index).uniqueBytes());
  }

  @Test
  void aSeedLeavesOnlyTheChangedChunksToFetch() throws Exception {
    Path installed = TestData.write(dir.resolve("installed"), v1);
    ExtractStats stats =
        new Extractor(store)
            .seeds(List.of(new FileSeed(v1Index, installed)))
            .extract(v2Index, dir.resolve("out"));
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(v2);
    long changed =
        v2Index.chunks().stream()
            .filter(c -> !v1Index.distinctIds().contains(c.id()))
            .mapToLong(IndexChunk::size)
            .sum();
    assertThat(stats.bytesFetched()).isEqualTo(changed);
    assertThat(stats.bytesFromSeeds()).isEqualTo(v2.length - changed);
    assertThat(changed).isLessThan(v2.length / 3);
  }

  @Test
  void theFileBeingReplacedSeedsItself() throws Exception {
    Path out = TestData.write(dir.resolve("out"), v1);
    ExtractStats stats = new Extractor(store).extract(v2Index, out);
    assertThat(Files.readAllBytes(out)).isEqualTo(v2);
    assertThat(stats.bytesFromSeeds()).isGreaterThan(v2.length / 2);
  }

  @Test
  void aSeedThatChangedSinceItWasIndexedCostsAFetchNotAWrongByte() throws Exception {
    Path installed = TestData.write(dir.resolve("installed"), TestData.mutate(v1, 9, 5, 100));
    new Extractor(store)
        .seeds(List.of(new FileSeed(v1Index, installed)))
        .seedFromOutput(false)
        .extract(v2Index, dir.resolve("out"));
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(v2);
  }

  @Test
  void inPlaceRewritesOnlyWhatDiffers() throws Exception {
    byte[] partial = v2.clone();
    Arrays.fill(partial, 1 << 20, 2 << 20, (byte) 7); // an interrupted earlier attempt
    Path out = TestData.write(dir.resolve("out"), Arrays.copyOf(partial, v2.length + 5000));
    int before = store.gets();
    ExtractStats stats = new Extractor(store).inPlace(true).extract(v2Index, out);
    assertThat(Files.readAllBytes(out)).isEqualTo(v2);
    assertThat(stats.bytesInPlace()).isGreaterThan(v2.length - (2 << 20));
    assertThat(store.gets() - before).isLessThan(v2Index.chunks().size() / 2);
  }

  @Test
  void zeroChunksAndRepeatsAreFetchedOnce() throws Exception {
    byte[] data = new byte[1 << 20];
    System.arraycopy(TestData.repeats(3, 65536, 512 * 1024), 0, data, 0, 512 * 1024);
    ChunkIndex index =
        new IndexMaker(SIZES).store(store).make(TestData.write(dir.resolve("pub/z"), data)).index();
    int before = store.gets();
    ExtractStats stats = new Extractor(store).extract(index, dir.resolve("out"));
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(data);
    // The chunk that straddles the start of the zeros is not all zeros; every later one is.
    assertThat(stats.bytesZero()).isBetween(512L * 1024 - 65536, 512L * 1024);
    assertThat(store.gets() - before).isEqualTo((int) stats.chunksFetched());
    assertThat(stats.chunksFetched()).isLessThan(index.chunks().size() / 2);
  }

  @Test
  void reportsProgressUpToTheTotal() {
    AtomicLong last = new AtomicLong();
    new Extractor(store)
        .progress(
            (done, total) -> {
              assertThat(done).isLessThanOrEqualTo(total);
              last.accumulateAndGet(done, Math::max);
            })
        .extract(v2Index, dir.resolve("out"));
    assertThat(last.get()).isEqualTo(v2.length);
  }

  @Test
  void aMissingChunkIsNamedAndNothingIsWritten() throws Exception {
    Path out = TestData.write(dir.resolve("out"), v1);
    ChunkId gone = v2Index.chunks().get(5).id();
    InMemoryChunkStore partial = new InMemoryChunkStore();
    for (ChunkId id : v2Index.distinctIds()) {
      if (!id.equals(gone)) {
        partial.put(id, store.get(id));
      }
    }
    assertThatThrownBy(() -> new Extractor(partial).seedFromOutput(false).extract(v2Index, out))
        .isInstanceOf(ChunkMissingException.class)
        .hasMessage("chunk " + gone + " is missing from memory store");
    assertThat(Files.readAllBytes(out)).isEqualTo(v1);
    assertThat(Files.list(dir).filter(p -> p.getFileName().toString().contains(".tmp-"))).isEmpty();
  }

  @Test
  void aCorruptChunkIsNamedAndNeverWritten() throws Exception {
    ChunkId victim = v2Index.chunks().get(3).id();
    store.corrupt(victim, ChunkCodec.compress(TestData.random(99, v2Index.chunks().get(3).size())));
    Path out = dir.resolve("out");
    assertThatThrownBy(() -> new Extractor(store).extract(v2Index, out))
        .isInstanceOf(ChunkInvalidException.class)
        .hasMessageStartingWith("chunk " + victim + " is corrupt in memory store");
    assertThat(out).doesNotExist();
    store.corrupt(victim, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> new Extractor(store).extract(v2Index, out))
        .isInstanceOf(ChunkInvalidException.class)
        .hasMessageContaining("is not valid zstd");
    assertThat(out).doesNotExist();
  }
}
