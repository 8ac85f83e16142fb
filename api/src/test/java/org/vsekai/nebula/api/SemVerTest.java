package org.vsekai.nebula.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

  @Test
  void ordersAsSemverOrgSpecifies() {
    List<String> expected =
        List.of(
            "0.9.9",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.2.0",
            "1.10.0",
            "2.0.0");
    List<SemVer> shuffled = new ArrayList<>(expected.stream().map(SemVer::parse).toList());
    Collections.shuffle(shuffled, new Random(7));
    Collections.sort(shuffled);
    assertThat(shuffled.stream().map(SemVer::toString).toList()).isEqualTo(expected);
  }

  @Test
  void ignoresBuildMetadataForPrecedence() {
    assertThat(SemVer.parse("1.0.0+a").compareTo(SemVer.parse("1.0.0+b"))).isZero();
  }

  @Test
  void isStrictExceptForTheCommandLinesLeadingV() {
    for (String loose :
        List.of("v0.2.0", " 1.2.3", "1.2.3 ", "1.2.3\n", "1.2.3\u0000", "\t1.2.3")) {
      assertThatThrownBy(() -> SemVer.parse(loose))
          .as("'%s'", loose)
          .isInstanceOf(InvalidVersionException.class)
          .hasMessageNotContaining("\u0000");
    }
    assertThat(SemVer.parseLenient("v0.2.0").toString()).isEqualTo("0.2.0");
    assertThat(SemVer.parseLenient("0.2.0").toString()).isEqualTo("0.2.0");
    assertThatThrownBy(() -> SemVer.parseLenient("vv0.2.0"))
        .isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void isShortEnoughToNameAFolder() {
    String longest = "1.0.0-" + "a".repeat(SemVer.MAX_LENGTH - 6);
    assertThat(SemVer.parse(longest).toString()).hasSize(SemVer.MAX_LENGTH);
    assertThatThrownBy(() -> SemVer.parse(longest + "b"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("longer than the 128 allowed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.2",
        "1.2.3.4",
        "01.2.3",
        "1.2.3-",
        "1.2.3-01",
        "a.b.c",
        "1.2.3+",
        "-1.2.3"
      })
  void rejectsWhatIsNotAVersion(String text) {
    assertThatThrownBy(() -> SemVer.parse(text))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("not a semantic version");
  }
}
