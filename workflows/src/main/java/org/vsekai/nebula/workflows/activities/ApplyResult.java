package org.vsekai.nebula.workflows.activities;

/**
 * Output of {@link UpdateActivities#apply}: every changed file is assembled in staging and verified
 * against its index.
 *
 * @param filesStaged files assembled into the staging folder
 * @param bytesStaged their total size
 */
public record ApplyResult(int filesStaged, long bytesStaged) {}
