package org.vsekai.nebula.workflows.activities;

/**
 * Input of {@link UpdateActivities#updateRegistry}.
 *
 * @param installId the install
 * @param product its product
 * @param mode its release mode
 * @param version the version now installed
 */
public record RegistryRequest(String installId, String product, String mode, String version) {}
