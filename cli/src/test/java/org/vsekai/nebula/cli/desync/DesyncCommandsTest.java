package org.vsekai.nebula.cli.desync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.cli.CliRun;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.testing.LoopbackStoreServer;
import org.vsekai.nebula.desync.testing.TestData;

class DesyncCommandsTest {
  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void makeExtractVerifyInfoChopPrune() throws Exception {
    byte[] v1 = TestData.random(1, 3 << 20);
    byte[] v2 = TestData.mutate(v1, 2, 5, 4000);
    TestData.write(dir.resolve("v1"), v1);
    TestData.write(dir.resolve("v2"), v2);

    assertThat(
            CliRun.of("desync", "make", "-s", p("store"), "-m", "4:16:64", p("v1.caibx"), p("v1"))
                .exitCode())
        .isZero();
    CliRun make2 =
        CliRun.of(
            "desync",
            "make",
            "-s",
            p("store"),
            "-m",
            "4:16:64",
            "--print-stats",
            p("v2.caibx"),
            p("v2"));
    assertThat(make2.exitCode()).isZero();
    assertThat(make2.err()).contains("\"chunks-stored\"");

    CliRun info = CliRun.of("desync", "info", "--seed", p("v1.caibx"), p("v2.caibx"));
    assertThat(info.exitCode()).isZero();
    assertThat(info.out()).contains("\"size\": " + v2.length).contains("\"bytes-to-fetch\"");
    long toFetch =
        Long.parseLong(info.out().replaceAll("(?s).*\"bytes-to-fetch\": (\\d+).*", "$1"));
    assertThat(toFetch).isGreaterThan(0).isLessThan(v2.length / 4);

    CliRun extract =
        CliRun.of(
            "desync",
            "extract",
            "-s",
            p("store"),
            "--seed",
            p("v1.caibx"),
            "--print-stats",
            p("v2.caibx"),
            p("out"));
    assertThat(extract.exitCode()).as(extract.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(v2);
    assertThat(extract.out()).contains("\"bytes-fetched\": " + toFetch);

    assertThat(CliRun.of("desync", "verify", p("v2.caibx"), p("out")).exitCode()).isZero();
    assertThat(CliRun.of("desync", "verify-index", p("v2.caibx"), p("out")).out())
        .contains("matches");
    assertThat(CliRun.of("desync", "verify", "-s", p("store")).out()).contains("0 invalid");

    CliRun chop = CliRun.of("desync", "chop", "-s", p("store2"), p("v1.caibx"), p("v1"));
    assertThat(chop.exitCode()).isZero();
    ChunkIndex v1Index = CaibxReader.read(dir.resolve("v1.caibx"));
    assertThat(chop.out()).contains(v1Index.distinctIds().size() + " chunks stored");

    CliRun prune = CliRun.of("desync", "prune", "-s", p("store"), "-y", p("v1.caibx"));
    assertThat(prune.exitCode()).isZero();
    assertThat(prune.out()).containsPattern("[1-9]\\d* removed");
    assertThat(
            CliRun.of("desync", "extract", "-s", p("store"), p("v1.caibx"), p("v1-again"))
                .exitCode())
        .isZero();
  }

  @Test
  void extractsOverHttpThroughACache() throws Exception {
    byte[] data = TestData.random(3, 1 << 20);
    TestData.write(dir.resolve("f"), data);
    assertThat(CliRun.of("desync", "make", "-s", p("remote"), p("f.caibx"), p("f")).exitCode())
        .isZero();
    try (LoopbackStoreServer server = new LoopbackStoreServer(dir.resolve("remote"))) {
      CliRun r =
          CliRun.of(
              "desync",
              "extract",
              "-s",
              server.storeUri().toString(),
              "-c",
              p("cache"),
              p("f.caibx"),
              p("out"));
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    assertThat(Files.readAllBytes(dir.resolve("out"))).isEqualTo(data);
    assertThat(
            new LocalChunkStore(dir.resolve("cache"))
                .has(CaibxReader.read(dir.resolve("f.caibx")).chunks().get(0).id()))
        .isTrue();
  }

  @Test
  void badInputGetsOneLineAndAnExitCode() throws Exception {
    byte[] data = TestData.random(4, 500_000);
    TestData.write(dir.resolve("f"), data);
    CliRun.of("desync", "make", "-s", p("store"), p("f.caibx"), p("f"));
    byte[] index = Files.readAllBytes(dir.resolve("f.caibx"));
    Files.write(dir.resolve("cut.caibx"), Arrays.copyOf(index, index.length - 10));

    CliRun truncated = CliRun.of("desync", "extract", "-s", p("store"), p("cut.caibx"), p("out"));
    assertThat(truncated.exitCode()).isEqualTo(ExitCodes.INVALID_DATA);
    assertThat(truncated.err().lines())
        .singleElement()
        .asString()
        .startsWith("vsekai: ")
        .contains("cut.caibx")
        .contains("truncated");
    assertThat(dir.resolve("out")).doesNotExist();

    CliRun missingStore =
        CliRun.of("desync", "extract", "-s", p("empty-store"), p("f.caibx"), p("out"));
    assertThat(missingStore.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missingStore.err().lines())
        .singleElement()
        .asString()
        .contains("is missing from store");
    assertThat(dir.resolve("out")).doesNotExist();

    CliRun badSizes = CliRun.of("desync", "make", "-m", "64:16:256", p("x.caibx"), p("f"));
    assertThat(badSizes.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badSizes.err()).contains("min chunk size 65536 is greater than avg 16384");

    CliRun noFile = CliRun.of("desync", "verify", p("f.caibx"), p("nope"));
    assertThat(noFile.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(noFile.err().lines()).singleElement().asString().contains("nope does not exist");

    CliRun noIndex = CliRun.of("desync", "info", p("nope.caibx"));
    assertThat(noIndex.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(noIndex.err()).contains("does not exist");

    CliRun verbose =
        CliRun.of("desync", "extract", "--verbose", "-s", p("store"), p("cut.caibx"), p("out"));
    assertThat(verbose.err()).contains("\tat org.vsekai.nebula.desync.CaibxReader");
  }
}
