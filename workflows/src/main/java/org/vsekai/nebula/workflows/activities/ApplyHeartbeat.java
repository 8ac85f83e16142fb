package org.vsekai.nebula.workflows.activities;

/**
 * The heartbeat details of {@link UpdateActivities#apply}: files staged so far (a retried attempt
 * may keep those that verify).
 *
 * @param filesDone files assembled and verified so far
 * @param bytesDone their total size
 */
public record ApplyHeartbeat(int filesDone, long bytesDone) {}
