package org.vsekai.nebula.workflows.rollout;

/**
 * A wave entering a state, with the counts it has reached.
 *
 * @param rolloutId the rollout
 * @param waveIndex the wave, from 0
 * @param state the state it enters
 * @param counts its results so far
 * @param reason why; null for none
 */
public record WaveStateChange(
    String rolloutId, int waveIndex, WaveState state, WaveCounts counts, String reason) {}
