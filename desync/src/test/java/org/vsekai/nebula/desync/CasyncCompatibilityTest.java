package org.vsekai.nebula.desync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vsekai.nebula.desync.testing.ExternalTool;
import org.vsekai.nebula.desync.testing.TestData;

/** Reading what Debian's casync writes, and casync reading what we write, in the same run. */
@Tag("integration")
class CasyncCompatibilityTest {
  private static ExternalTool casync;
  @TempDir Path dir;

  @BeforeAll
  static void findCasync() {
    casync = ExternalTool.require("casync");
  }

  static Stream<CompatibilityInputs.Input> inputs() {
    return CompatibilityInputs.forDefaultSizes().stream().filter(i -> i.data().length > 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void weExtractCasyncsIndexAndStoreByteExact(CompatibilityInputs.Input input) throws Exception {
    Path file = TestData.write(dir.resolve(input.name()), input.data());
    casync.run(dir, "make", "--store=store", "theirs.caibx", file.toString());
    byte[] theirBytes = Files.readAllBytes(dir.resolve("theirs.caibx"));
    assertThat(theirBytes[0x17] & 0xff).isEqualTo(0xB0);
    ChunkIndex theirs = CaibxReader.read(theirBytes);
    new Extractor(new LocalChunkStore(dir.resolve("store"))).extract(theirs, dir.resolve("out"));
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(input.data());
    // Apart from the flags byte, casync's index equals ours when no min-sized chunk occurs.
    byte[] ours = CaibxWriter.toBytes(new IndexMaker(ChunkSizes.DEFAULT).make(file).index());
    theirBytes[0x17] = (byte) 0xA0;
    assertThat(ours).isEqualTo(theirBytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void casyncExtractsOursByteExact(CompatibilityInputs.Input input) throws Exception {
    Path file = TestData.write(dir.resolve(input.name()), input.data());
    LocalChunkStore store = new LocalChunkStore(dir.resolve("our-store"));
    CaibxWriter.write(
        new IndexMaker(ChunkSizes.DEFAULT).store(store).make(file).index(),
        dir.resolve("ours.caibx"));
    casync.run(
        dir, "extract", "--store=" + store.dir(), "--seed-output=no", "ours.caibx", "by-casync");
    assertThat(Files.readAllBytes(dir.resolve("by-casync"))).isEqualTo(input.data());
  }

  @Test
  void casyncsRuleAtTinySizesIsReproducedAndDiffersFromDesyncs() throws Exception {
    // casync-format.md: at 64:256:1024 bytes casync cuts content-defined chunks of exactly min.
    Path file = TestData.write(dir.resolve("random-2m"), TestData.random(21, 2_000_000));
    casync.run(
        dir, "make", "--chunk-size=64:256:1024", "--store=store", "theirs.caibx", file.toString());
    ChunkIndex theirs = CaibxReader.read(dir.resolve("theirs.caibx"));
    ChunkSizes sizes = new ChunkSizes(64, 256, 1024);
    ChunkIndex casyncRule = new IndexMaker(sizes).rule(BoundaryRule.CASYNC).make(file).index();
    ChunkIndex desyncRule = new IndexMaker(sizes).make(file).index();
    assertThat(casyncRule.chunks()).isEqualTo(theirs.chunks());
    assertThat(desyncRule.chunks().size()).isLessThan(theirs.chunks().size());
    // And we still extract casync's many-tiny-chunks index byte-exact.
    new Extractor(new LocalChunkStore(dir.resolve("store"))).extract(theirs, dir.resolve("out"));
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(Files.readAllBytes(file));
  }
}
