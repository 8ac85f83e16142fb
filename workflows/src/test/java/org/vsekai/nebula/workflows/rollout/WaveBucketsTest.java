package org.vsekai.nebula.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class WaveBucketsTest {

  @Test
  void anInstallKeepsItsBucketWhateverTheCaseOfItsId() {
    String id = "6F1C0D2E-0000-4000-8000-000000000001";
    assertThat(WaveBuckets.bucketOf(id)).isEqualTo(WaveBuckets.bucketOf(id.toLowerCase()));
    // Pinned: a change of the hash would move every install to another wave. The SHA-256 of
    // the id (`echo -n ID | sha256sum`) starts 0b9cd65752aeba6b; that modulo 10,000 is 1147.
    assertThat(WaveBuckets.bucketOf("6f1c0d2e-0000-4000-8000-000000000001")).isEqualTo(1147);
  }

  @Test
  void wavesReachTheirShareOfSequentialIds() {
    int n = 20_000;
    int inOnePercent = 0;
    int inHalf = 0;
    for (int i = 0; i < n; i++) {
      String id = new UUID(0, i).toString();
      if (WaveBuckets.reaches(1, id)) {
        inOnePercent++;
      }
      if (WaveBuckets.reaches(50, id)) {
        inHalf++;
      }
      if (WaveBuckets.reaches(1, id)) {
        assertThat(WaveBuckets.reaches(10, id)).as("waves are cumulative").isTrue();
      }
    }
    assertThat(inOnePercent).isBetween(150, 250);
    assertThat(inHalf).isBetween(9_600, 10_400);
  }

  @Test
  void everyInstallIsInTheLastWaveOfAHundredPercent() {
    for (int i = 0; i < 1000; i++) {
      assertThat(WaveBuckets.reaches(100, UUID.randomUUID().toString())).isTrue();
    }
  }
}
