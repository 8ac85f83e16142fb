package org.vsekai.nebula.schema;

import java.util.List;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/**
 * A rollout to record.
 *
 * @param id the rollout's id
 * @param product the product
 * @param version the version it installs; must exist
 * @param mode the mode whose installs it reaches; must be valid now
 * @param maxFailureRate the failure threshold, 0 to 1
 * @param wavePercents cumulative percentages of its waves
 * @param waveDeadlineSeconds how long each wave waits for results
 * @param workflowId the workflow that runs it
 */
public record NewRollout(
    UUID id,
    String product,
    SemVer version,
    String mode,
    double maxFailureRate,
    List<Integer> wavePercents,
    long waveDeadlineSeconds,
    String workflowId) {

  public NewRollout {
    wavePercents = List.copyOf(wavePercents);
  }
}
