package org.vsekai.nebula.schema;

/** The answer to an idempotent create: the record, and whether this call created it. */
public record Created<T>(T value, boolean created) {}
