package org.vsekai.nebula.workflows.activities;

/**
 * Output of {@link UpdateActivities#updateRegistry}.
 *
 * @param valuesWritten registry values (or entries of the registry file) written or changed
 */
public record RegistryResult(int valuesWritten) {}
