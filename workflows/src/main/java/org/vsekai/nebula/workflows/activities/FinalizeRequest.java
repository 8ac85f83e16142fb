package org.vsekai.nebula.workflows.activities;

/**
 * Input of {@link UpdateActivities#finalizeUpdate}.
 *
 * @param planId the plan whose staging folder is complete
 * @param toVersion the version the install holds once finalized
 */
public record FinalizeRequest(String planId, String toVersion) {}
