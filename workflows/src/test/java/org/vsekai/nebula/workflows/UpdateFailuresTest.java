package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vsekai.nebula.api.manifest.ManifestRejectedException;

class UpdateFailuresTest {

  @ParameterizedTest
  @EnumSource(ManifestRejectedException.Reason.class)
  void everyManifestRejectionIsANonRetryableType(ManifestRejectedException.Reason reason) {
    assertThat(UpdateFailures.NON_RETRYABLE).contains(UpdateFailures.forManifestRejection(reason));
  }

  @Test
  void manifestRejectionsKeepTheirDistinctions() {
    assertThat(
            Arrays.stream(ManifestRejectedException.Reason.values())
                .map(UpdateFailures::forManifestRejection)
                .distinct())
        .hasSize(ManifestRejectedException.Reason.values().length);
  }

  @Test
  void theIssuesNamedFailuresAreNonRetryable() {
    assertThat(UpdateFailures.NON_RETRYABLE)
        .contains("BadSignature", "Downgrade", "UnsafePath", "CorruptChunk")
        .doesNotHaveDuplicates();
  }

  @Test
  void theCatchAllTypeIsNotInTheList() {
    // The type of a failure that had none of its own, e.g. retries running out: listing it would
    // make a policy refuse to retry what it was meant to retry.
    assertThat(UpdateFailures.NON_RETRYABLE).doesNotContain(UpdateFailures.UPDATE_FAILED);
  }
}
