package org.vsekai.nebula.desync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.InMemoryChunkStore;
import org.vsekai.nebula.desync.testing.TestData;

class StoresTest {
  @TempDir Path dir;

  @Test
  void localStoreUsesTheCasyncLayoutAndLeavesNoTemporaryFiles() throws Exception {
    LocalChunkStore store = new LocalChunkStore(dir);
    byte[] data = "hello world\n".getBytes();
    ChunkId id = ChunkId.digest(data);
    store.put(id, data);
    Path file = dir.resolve(id.toHex().substring(0, 4)).resolve(id.toHex() + ".cacnk");
    assertThat(file).exists();
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile)).containsExactly(file);
    }
    assertThat(store.get(id)).isEqualTo(data);
  }

  @Test
  void localStoreDetectsCorruptionAndNamesTheChunk() throws Exception {
    LocalChunkStore store = new LocalChunkStore(dir);
    byte[] data = TestData.random(1, 5000);
    ChunkId id = ChunkId.digest(data);
    store.put(id, data);
    Files.write(store.chunkPath(id), ChunkCodec.compress(TestData.random(2, 5000)));
    assertThatThrownBy(() -> store.get(id))
        .isInstanceOf(ChunkInvalidException.class)
        .hasMessageStartingWith("chunk " + id + " is corrupt in store " + dir);
    assertThatThrownBy(() -> store.putCompressed(id, ChunkCodec.compress(TestData.random(3, 10))))
        .isInstanceOf(ChunkInvalidException.class);
  }

  @Test
  void anEmptyChunkFileIsACorruptChunkNamedAndAnUploadReplacesIt() throws Exception {
    LocalChunkStore store = new LocalChunkStore(dir);
    byte[] data = TestData.random(7, 5000);
    ChunkId id = ChunkId.digest(data);
    Files.createDirectories(store.chunkPath(id).getParent());
    Files.write(store.chunkPath(id), new byte[0]); // what a power cut can leave
    assertThatThrownBy(() -> store.get(id))
        .isInstanceOf(ChunkInvalidException.class)
        .hasMessage(
            "chunk "
                + id
                + " is not valid zstd (0 bytes, too short for a zstd frame) in store "
                + dir);
    assertThatThrownBy(() -> store.putCompressed(id, new byte[0]))
        .isInstanceOf(ChunkInvalidException.class)
        .hasMessageStartingWith("chunk " + id + " is not valid zstd (0 bytes");

    store.putCompressed(id, ChunkCodec.compress(data));

    assertThat(store.get(id)).isEqualTo(data);
    // A sound chunk is not rewritten by the next upload of it.
    FileTime written = Files.getLastModifiedTime(store.chunkPath(id));
    Thread.sleep(20);
    store.putCompressed(id, ChunkCodec.compress(data));
    assertThat(Files.getLastModifiedTime(store.chunkPath(id))).isEqualTo(written);
  }

  @Test
  void decompressionIsBoundedByMax() {
    byte[] big = new byte[100_000];
    ChunkId id = ChunkId.digest(big);
    LocalChunkStore store =
        new LocalChunkStore(dir, new ChunkVerifier(HashAlgorithm.SHA512_256, 65536));
    assertThatThrownBy(() -> store.putCompressed(id, ChunkCodec.compress(big)))
        .isInstanceOf(ChunkInvalidException.class)
        .hasMessageContaining("more than 65536");
  }

  @Test
  void cacheKeepsWhatItFetchedAndReplacesCorruptCopies() throws Exception {
    InMemoryChunkStore remote = new InMemoryChunkStore();
    byte[] data = TestData.random(4, 9000);
    ChunkId id = ChunkId.digest(data);
    remote.put(id, data);
    LocalChunkStore local = new LocalChunkStore(dir);
    CachingChunkStore cache = new CachingChunkStore(local, remote);
    assertThat(cache.get(id)).isEqualTo(data);
    assertThat(cache.get(id)).isEqualTo(data);
    assertThat(remote.gets()).isEqualTo(1);
    Files.write(local.chunkPath(id), new byte[] {9, 9, 9});
    assertThat(cache.get(id)).isEqualTo(data);
    assertThat(remote.gets()).isEqualTo(2);
    assertThat(local.get(id)).isEqualTo(data);
  }

  @Test
  void chainFallsThroughMissingAndCorruptToTheNextStore() {
    InMemoryChunkStore first = new InMemoryChunkStore();
    InMemoryChunkStore second = new InMemoryChunkStore();
    byte[] a = TestData.random(5, 100);
    byte[] b = TestData.random(6, 100);
    ChunkId ida = ChunkId.digest(a);
    ChunkId idb = ChunkId.digest(b);
    second.put(ida, a);
    first.corrupt(idb, ChunkCodec.compress(a));
    second.put(idb, b);
    byte[] c = TestData.random(8, 100);
    ChunkId idc = ChunkId.digest(c);
    first.corrupt(idc, new byte[0]);
    second.put(idc, c);
    ChainedChunkStore chain = new ChainedChunkStore(List.of(first, second));
    assertThat(chain.get(ida)).isEqualTo(a);
    assertThat(chain.get(idb)).isEqualTo(b);
    assertThat(chain.get(idc)).as("an empty chunk file falls through too").isEqualTo(c);
    ChunkId none = ChunkId.digest(new byte[] {1});
    assertThatThrownBy(() -> chain.get(none))
        .isInstanceOf(ChunkMissingException.class)
        .hasMessageContaining("memory store, memory store");
  }

  @Test
  void verifyPruneAndStaleTemporaryFiles() throws Exception {
    LocalChunkStore store = new LocalChunkStore(dir);
    byte[] data = TestData.random(7, 200_000);
    ChunkIndex keep =
        new IndexMaker(new ChunkSizes(4096, 16384, 65536))
            .store(store)
            .make(TestData.write(dir.resolve("../keep.bin"), data))
            .index();
    byte[] other = TestData.random(8, 3000);
    store.put(ChunkId.digest(other), other);
    ChunkId broken = keep.chunks().get(0).id();
    Files.write(store.chunkPath(broken), new byte[] {0});
    StoreVerifier.Report report = StoreVerifier.verify(store, false, 2);
    assertThat(report.problems()).singleElement().asString().contains(broken.toHex());
    assertThat(StoreVerifier.verify(store, true, 2).removed()).isEqualTo(1);
    assertThat(store.has(broken)).isFalse();

    Path stale = store.chunkPath(keep.chunks().get(1).id()).resolveSibling(".x.cacnk.tmp-1");
    Files.write(stale, new byte[] {1});
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
    StorePruner.Report pruned = StorePruner.prune(store, List.of(keep));
    assertThat(pruned.removed()).isEqualTo(1);
    assertThat(pruned.staleTemporaryFiles()).isEqualTo(1);
    assertThat(store.has(ChunkId.digest(other))).isFalse();
    assertThat(stale).doesNotExist();
  }

  @Test
  void verifyingAFileAgainstItsIndexFindsTheDifference() throws Exception {
    byte[] data = TestData.random(9, 500_000);
    Path file = TestData.write(dir.resolve("f"), data);
    ChunkIndex index = new IndexMaker(new ChunkSizes(4096, 16384, 65536)).make(file).index();
    assertThat(FileVerifier.verify(index, file, 2).matches()).isTrue();
    data[300_000] ^= 1;
    Files.write(file, data);
    FileVerifier.Report r = FileVerifier.verify(index, file, 2);
    assertThat(r.matches()).isFalse();
    assertThat(r.mismatched()).hasSize(1);
    assertThat(r.describe()).contains("1 chunk(s) differ");
  }
}
