package org.vsekai.nebula.schema.db;

/** How the updates a wave reached stand now, from their update processes' states. */
public record WaveTallyRow(long targeted, long succeeded, long failed, long cancelled) {}
