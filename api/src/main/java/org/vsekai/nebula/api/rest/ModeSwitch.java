package org.vsekai.nebula.api.rest;

/** Body of {@code PUT /api/v1/installs/{id}/mode}: the seed's {@code mode switch --mode_name}. */
public record ModeSwitch(String mode) {}
