package org.vsekai.nebula.workflows.activities;

/**
 * Output of {@link UpdateActivities#finalizeUpdate}: the install folder holds the new version,
 * manifest included, and the backup is gone.
 *
 * @param filesReplaced files swapped in from staging (added or changed)
 * @param filesRemoved files of the old version removed
 */
public record FinalizeResult(int filesReplaced, int filesRemoved) {}
