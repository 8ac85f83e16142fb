package org.vsekai.nebula.schema.db;

import java.util.UUID;

/**
 * One install a wave reached and the update that carries it.
 *
 * @param installId the install
 * @param updateWorkflowId {@code update-<installId>}
 * @param updateRunId the run started or joined
 * @param updateProcessId the id the service records that run's process under
 * @param joinedRunningUpdate whether the run was already running, started by someone else
 */
public record RolloutTargetRow(
    UUID installId,
    String updateWorkflowId,
    String updateRunId,
    UUID updateProcessId,
    boolean joinedRunningUpdate) {}
