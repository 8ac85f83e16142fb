package org.vsekai.nebula.workflows.rollout;

/**
 * What a record did.
 *
 * @param changed false when the tables already said so (a retried or repeated record)
 */
public record RolloutReceipt(boolean changed) {}
