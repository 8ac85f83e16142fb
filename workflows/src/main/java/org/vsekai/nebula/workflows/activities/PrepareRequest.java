package org.vsekai.nebula.workflows.activities;

/**
 * Input of {@link UpdateActivities#prepare}.
 *
 * @param installId the install to update
 * @param product the product the manifest must be for
 * @param mode the release mode the version comes from
 * @param fromVersion the installed version check saw; null for an empty folder
 * @param toVersion the version to prepare
 * @param allowDowngrade whether a manifest lower than the installed version is acceptable
 */
public record PrepareRequest(
    String installId,
    String product,
    String mode,
    String fromVersion,
    String toVersion,
    boolean allowDowngrade) {}
