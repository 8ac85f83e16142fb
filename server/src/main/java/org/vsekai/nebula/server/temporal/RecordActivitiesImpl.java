package org.vsekai.nebula.server.temporal;

import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.schema.RecordConflictException;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.schema.UpdateProcessReport;
import org.vsekai.nebula.schema.UpdateProcessRepository;
import org.vsekai.nebula.workflows.activities.RecordActivities;
import org.vsekai.nebula.workflows.activities.RecordReceipt;
import org.vsekai.nebula.workflows.activities.UpdateRecord;

/**
 * The service's side of an update: each record becomes a report to the update-process tables (6NF,
 * validity periods). Idempotent: the process id is derived from the workflow's id and run, so a
 * retried or duplicated record finds the process it created, and a state already entered is not
 * entered twice.
 */
public final class RecordActivitiesImpl implements RecordActivities {
  /** Records that retrying cannot get in (an unknown install, a state the process cannot take). */
  public static final String UNRECORDABLE = "Unrecordable";

  private final UpdateProcessRepository processes;

  public RecordActivitiesImpl(UpdateProcessRepository processes) {
    this.processes = processes;
  }

  @Override
  public RecordReceipt record(UpdateRecord r) {
    UUID id =
        r.updateProcessId() != null
            ? UUID.fromString(r.updateProcessId())
            : UUID.nameUUIDFromBytes(
                (r.workflowId() + "/" + r.runId()).getBytes(StandardCharsets.UTF_8));
    UpdateState state = UpdateState.valueOf(r.state().label());
    String detail =
        r.failureType() == null
            ? (r.bytesNeeded() > 0
                ? "downloaded " + r.bytesDownloaded() + " of " + r.bytesNeeded() + " bytes needed"
                : null)
            : r.failureType()
                + (r.failedIn() == null ? "" : " in " + r.failedIn().label())
                + ": "
                + r.failureMessage();
    UpdateProcessReport report =
        new UpdateProcessReport(
            id,
            UUID.fromString(r.installId()),
            state,
            detail,
            r.toVersion(),
            r.product() + " " + r.toVersion(),
            List.of(),
            Map.of(
                "trigger", String.valueOf(r.trigger()),
                "workflowId", r.workflowId(),
                "mode", String.valueOf(r.mode())),
            null);
    try {
      processes.report(report);
    } catch (RecordNotFoundException | RecordConflictException | IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), UNRECORDABLE, e);
    }
    return new RecordReceipt(id.toString());
  }
}
