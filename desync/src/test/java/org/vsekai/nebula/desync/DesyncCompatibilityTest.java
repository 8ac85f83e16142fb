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

/** Our indexes against the real desync v1.0.4, in the same run. */
@Tag("integration")
class DesyncCompatibilityTest {
  private static ExternalTool desync;
  @TempDir Path dir;

  @BeforeAll
  static void findDesync() {
    desync = ExternalTool.require("desync");
  }

  static Stream<CompatibilityInputs.Input> inputs() {
    return CompatibilityInputs.forDefaultSizes().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void ourIndexIsByteIdenticalToDesyncs(CompatibilityInputs.Input input) throws Exception {
    Path file = TestData.write(dir.resolve(input.name()), input.data());
    desync.run(dir, "make", "theirs.caibx", file.toString());
    byte[] ours = CaibxWriter.toBytes(new IndexMaker(ChunkSizes.DEFAULT).make(file).index());
    assertThat(ours).isEqualTo(Files.readAllBytes(dir.resolve("theirs.caibx")));
  }

  @Test
  void smallSizesWhereTheBoundaryRulesDifferFollowDesync() throws Exception {
    // At 1:2:8 KiB a content boundary at exactly min bytes occurs a few times in 24 MB: desync
    // never cuts there, casync does. Our index must be desync's, and must differ from the
    // casync rule's, or the input would not be testing the difference.
    Path file = TestData.randomFile(dir.resolve("random-24m"), 11, 24L << 20);
    desync.run(dir, "make", "-m", "1:2:8", "theirs.caibx", file.toString());
    ChunkSizes sizes = ChunkSizes.parseKiB("1:2:8");
    ChunkIndex ours = new IndexMaker(sizes).make(file).index();
    assertThat(CaibxWriter.toBytes(ours))
        .isEqualTo(Files.readAllBytes(dir.resolve("theirs.caibx")));
    ChunkIndex casyncRule =
        new IndexMaker(sizes).rule(BoundaryRule.CASYNC).threads(1).make(file).index();
    assertThat(casyncRule.chunks()).isNotEqualTo(ours.chunks());
    assertThat(casyncRule.chunks())
        .anyMatch(c -> c.size() == sizes.min() && c.end() != ours.length());
  }

  @Test
  void desyncExtractsFromOurStoreAndWeExtractFromDesyncs() throws Exception {
    byte[] data = TestData.aesCtr(5_000_000);
    Path file = TestData.write(dir.resolve("rand5m.bin"), data);
    // ours -> desync
    LocalChunkStore ourStore = new LocalChunkStore(dir.resolve("our-store"));
    ChunkIndex index = new IndexMaker(ChunkSizes.DEFAULT).store(ourStore).make(file).index();
    CaibxWriter.write(index, dir.resolve("ours.caibx"));
    desync.run(dir, "extract", "-s", ourStore.dir().toString(), "ours.caibx", "by-desync.bin");
    assertThat(Files.readAllBytes(dir.resolve("by-desync.bin"))).isEqualTo(data);
    // desync -> ours
    Files.createDirectories(dir.resolve("their-store"));
    desync.run(dir, "make", "-s", "their-store", "theirs.caibx", file.toString());
    ChunkIndex theirs = CaibxReader.read(dir.resolve("theirs.caibx"));
    new Extractor(new LocalChunkStore(dir.resolve("their-store")))
        .extract(theirs, dir.resolve("by-us.bin"));
    assertThat(Files.readAllBytes(dir.resolve("by-us.bin"))).isEqualTo(data);
  }
}
