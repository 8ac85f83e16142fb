package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/** A wave of a rollout with its current state and the counts recorded with it. */
public record RolloutWaveRow(
    UUID id,
    int waveIndex,
    int percent,
    long deadlineSeconds,
    String state,
    long installsTargeted,
    long installsSucceeded,
    long installsFailed,
    String reason,
    Instant validFrom) {}
