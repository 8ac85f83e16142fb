package org.vsekai.nebula.workflows.activities;

import java.time.Instant;
import org.vsekai.nebula.workflows.UpdateState;
import org.vsekai.nebula.workflows.UpdateTrigger;

/**
 * One update, as the service records it.
 *
 * @param updateProcessId the service's id from the first record's receipt; null on the first
 *     record, or when that one could not be delivered
 * @param installId the install updated
 * @param workflowId the update's workflow id
 * @param runId the update's run id; with the workflow id, the idempotency key
 * @param product the product
 * @param mode the release mode
 * @param fromVersion the version installed before; null for an empty folder
 * @param toVersion the version being installed
 * @param state UPDATE_AVAILABLE when the update starts; UPDATE_SUCCESSFUL, UPDATE_FAILED or
 *     UPDATE_CANCELLED when it ends
 * @param failedIn the state the update failed in; null unless it failed
 * @param failureType a type from {@code UpdateFailures} (or the activity's own); null unless it
 *     failed
 * @param failureMessage why it failed; null unless it failed
 * @param bytesDownloaded bytes fetched over the network so far
 * @param bytesNeeded bytes the plan needed to download; 0 before planning
 * @param filesChanged files the new version adds or changes; 0 before planning
 * @param trigger what started the update
 * @param rolloutId the rollout, if any
 * @param recordedAt workflow time of this record
 */
public record UpdateRecord(
    String updateProcessId,
    String installId,
    String workflowId,
    String runId,
    String product,
    String mode,
    String fromVersion,
    String toVersion,
    UpdateState state,
    UpdateState failedIn,
    String failureType,
    String failureMessage,
    long bytesDownloaded,
    long bytesNeeded,
    int filesChanged,
    UpdateTrigger trigger,
    String rolloutId,
    Instant recordedAt) {}
