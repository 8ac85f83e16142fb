package org.vsekai.nebula.workflows.rollout;

/**
 * Start the updates of one wave.
 *
 * @param rolloutId the rollout
 * @param waveIndex the wave, from 0
 * @param percent its cumulative share of the fleet
 * @param product the product
 * @param mode the mode whose installs are the fleet
 * @param version the version to install
 */
public record WaveTrigger(
    String rolloutId, int waveIndex, int percent, String product, String mode, String version) {}
