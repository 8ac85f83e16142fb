package org.vsekai.nebula.api.rest;

/**
 * Body of {@code POST /api/v1/installs}: what the new install holds and follows. The service
 * chooses the install's id (a player must not choose where it falls in rollout waves) and answers
 * with an {@link InstallRegistered} carrying the install's credential. {@code version} is what the
 * folder already holds, null for an empty folder.
 */
public record InstallRegistration(String product, String mode, String version) {}
