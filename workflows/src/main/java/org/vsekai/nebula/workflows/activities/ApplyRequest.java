package org.vsekai.nebula.workflows.activities;

/**
 * Input of {@link UpdateActivities#apply}.
 *
 * @param planId the plan from {@link UpdateActivities#prepare}, all of whose chunks are cached
 */
public record ApplyRequest(String planId) {}
