package org.vsekai.nebula.api.rest;

import java.time.Instant;

/** A release channel such as stable or beta, and its current or latest validity period. */
public record ModeInfo(String name, Instant validFrom, Instant validTo) {}
