package org.vsekai.nebula.workflows.rollout;

/**
 * Count one wave's results.
 *
 * @param rolloutId the rollout
 * @param waveIndex the wave, from 0
 */
public record WavePoll(String rolloutId, int waveIndex) {}
