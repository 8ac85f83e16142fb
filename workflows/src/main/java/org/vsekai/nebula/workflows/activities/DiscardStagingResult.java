package org.vsekai.nebula.workflows.activities;

/**
 * Output of {@link UpdateActivities#discardStaging}.
 *
 * @param bytesFreed bytes of staging and plan files deleted (the chunk cache is kept)
 */
public record DiscardStagingResult(long bytesFreed) {}
