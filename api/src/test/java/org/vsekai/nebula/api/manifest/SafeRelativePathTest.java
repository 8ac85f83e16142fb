package org.vsekai.nebula.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeRelativePathTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CON",
        "data/aux.txt",
        "nul",
        "Lpt1.pck",
        "com\u00b9",
        "bin/game.",
        "bin/game ",
        "docs./readme",
        "a:b",
        "what?.txt",
        "x|y",
        "../escape",
        "/absolute",
        "C:/drive",
        "back\\\\slash",
        "a//b",
        "./a",
        "tab\there"
      })
  void refusesWhatAnyPlatformWouldReadOtherwise(String path) {
    assertThat(SafeRelativePath.problem(path)).as(path).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v-sekai.x86_64",
        "data/world.pck",
        "console/readme.md",
        "auxiliary.txt",
        "com10.txt",
        "données/été.pck",
        "a b/c d.txt"
      })
  void acceptsOrdinaryNames(String path) {
    assertThat(SafeRelativePath.problem(path)).as(path).isNull();
  }

  @Test
  void pathsThatAreOneFileSomewhereClash() {
    assertThat(SafeRelativePath.collision(List.of("a.txt", "b.txt", "dir/c"))).isNull();
    assertThat(SafeRelativePath.collision(List.of("Readme.txt", "README.TXT")))
        .contains("one file on Windows and macOS");
    // é composed (U+00E9) and decomposed (e + U+0301).
    assertThat(SafeRelativePath.collision(List.of("caf\u00e9.pck", "cafe\u0301.pck")))
        .contains("one file on Windows");
    assertThat(SafeRelativePath.collision(List.of("x", "x/y")))
        .contains("both a file and a folder");
    assertThat(SafeRelativePath.collision(List.of("data/x/y", "Data/X")))
        .contains("both a file and a folder");
    assertThat(SafeRelativePath.collision(List.of("same", "same"))).contains("listed twice");
  }
}
