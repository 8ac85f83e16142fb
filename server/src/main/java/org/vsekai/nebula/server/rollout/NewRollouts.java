package org.vsekai.nebula.server.rollout;

import java.util.UUID;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.NewRollout;
import org.vsekai.nebula.workflows.rollout.RolloutRequest;

/** A rollout request as the tables record it. */
final class NewRollouts {
  private NewRollouts() {}

  static NewRollout of(RolloutRequest r, String workflowId) {
    return new NewRollout(
        UUID.fromString(r.rolloutId()),
        r.product(),
        SemVer.parse(r.version()),
        r.mode(),
        r.maxFailureRate(),
        r.wavePercents(),
        r.waveDeadline().toSeconds(),
        workflowId);
  }
}
