package org.vsekai.nebula.workflows.activities;

/**
 * Output of {@link UpdateActivities#check}: facts, not a decision; the workflow decides whether
 * they make an update (it knows whether a downgrade is allowed).
 *
 * @param installedVersion the version the install folder holds, as its installed manifest says;
 *     null for an empty folder (a first install)
 * @param availableVersion the highest version valid now in the mode, or the pinned target if it
 *     exists and is valid; null when the mode has none
 */
public record CheckResult(String installedVersion, String availableVersion) {}
