package org.vsekai.nebula.api.rest;

import java.time.Instant;

/** An install's mode now and since when: the seed's {@code mode current}. */
public record CurrentMode(String mode, Instant since) {}
