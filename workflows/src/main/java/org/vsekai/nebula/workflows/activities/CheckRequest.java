package org.vsekai.nebula.workflows.activities;

/**
 * Input of {@link UpdateActivities#check}.
 *
 * @param installId the install to check
 * @param product the install's product
 * @param mode the release mode to look in
 * @param targetVersion a pinned version to look up instead of the highest; null for the highest
 * @param rolloutId the rollout asking, if any; lets the service answer for the install's wave
 */
public record CheckRequest(
    String installId, String product, String mode, String targetVersion, String rolloutId) {}
