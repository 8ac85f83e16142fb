package org.vsekai.nebula.workflows.activities;

/**
 * Output of {@link RecordActivities#record}.
 *
 * @param updateProcessId the service's id of the update process (a UUID of {@code
 *     update_processes})
 */
public record RecordReceipt(String updateProcessId) {}
