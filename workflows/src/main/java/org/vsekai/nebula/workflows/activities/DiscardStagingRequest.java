package org.vsekai.nebula.workflows.activities;

/**
 * Input of {@link UpdateActivities#discardStaging}.
 *
 * @param installId the install whose staging to drop
 * @param planId the plan whose staging and plan file to drop; null when the update was stopped
 *     before prepare returned, in which case whatever prepare left for the install is dropped
 */
public record DiscardStagingRequest(String installId, String planId) {}
