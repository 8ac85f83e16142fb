package org.vsekai.nebula.api.rest;

import java.util.List;

/**
 * {@code POST /api/v1/rollouts}: roll {@code version} of {@code product} out to the installs that
 * follow {@code mode}, in waves. Absent optional fields take the service's defaults.
 *
 * @param product the product, e.g. {@code v-sekai}
 * @param version the version to install (it must be published)
 * @param mode the installs that follow this mode are the fleet
 * @param waves cumulative percentages, strictly rising to at most 100; default 1, 10, 50, 100
 * @param maxFailureRate a wave whose share of failed updates passes this halts the rollout (0 to
 *     1); default 0.2
 * @param waveDeadlineSeconds how long each wave waits for its installs' results; default a day
 * @param pollIntervalSeconds how often a waiting wave counts results; default a minute
 */
public record RolloutStart(
    String product,
    String version,
    String mode,
    List<Integer> waves,
    Double maxFailureRate,
    Long waveDeadlineSeconds,
    Long pollIntervalSeconds) {}
