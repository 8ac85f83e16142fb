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
  void theWorkflowsOwnTypesAreNotInTheActivitiesList() {
    // Raised by the workflow, never by an activity: listing them would hide a mistake.
    assertThat(UpdateFailures.NON_RETRYABLE)
        .doesNotContain(UpdateFailures.INVALID_REQUEST, UpdateFailures.UPDATE_FAILED);
  }
}
