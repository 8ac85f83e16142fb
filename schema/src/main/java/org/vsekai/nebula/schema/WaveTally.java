package org.vsekai.nebula.schema;

/**
 * How a wave's updates stand now.
 *
 * @param targeted installs the wave reached
 * @param succeeded updates that ended in UpdateSuccessful
 * @param failed updates that ended in UpdateFailed
 * @param cancelled updates that ended in UpdateCancelled
 * @param firstFailure what the earliest failed update recorded; null when none failed
 */
public record WaveTally(
    long targeted, long succeeded, long failed, long cancelled, String firstFailure) {}
