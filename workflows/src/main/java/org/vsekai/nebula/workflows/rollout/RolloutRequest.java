package org.vsekai.nebula.workflows.rollout;

import java.time.Duration;
import java.util.List;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.SemVer;

/**
 * A staged rollout: {@code version} of {@code product} reaches the installs that follow {@code
 * mode}, wave by wave.
 *
 * @param rolloutId the rollout's id (a UUID); null to derive it from the workflow id, as a
 *     schedule's runs do ({@link RolloutIds#forWorkflow})
 * @param product the product, e.g. {@code v-sekai}
 * @param version the version every wave installs
 * @param mode the installs that follow this mode are the fleet
 * @param wavePercents the cumulative share of the fleet each wave reaches, strictly ascending from
 *     1 to 100, e.g. 1, 10, 50, 100; null for {@link #DEFAULT_WAVES}
 * @param maxFailureRate the rollout halts after a wave in which more than this share of the
 *     installs it reached failed (0 to 1)
 * @param waveDeadline how long a wave waits for its installs' results; null for {@link
 *     #DEFAULT_WAVE_DEADLINE}
 * @param pollInterval how often a waiting wave counts results; null for {@link
 *     #DEFAULT_POLL_INTERVAL}
 */
public record RolloutRequest(
    String rolloutId,
    String product,
    String version,
    String mode,
    List<Integer> wavePercents,
    double maxFailureRate,
    Duration waveDeadline,
    Duration pollInterval) {

  /** 1% finds a bad release on a handful of machines; each later wave multiplies the reach. */
  public static final List<Integer> DEFAULT_WAVES = List.of(1, 10, 50, 100);

  public static final double DEFAULT_MAX_FAILURE_RATE = 0.2;

  /**
   * A day: most players start the game at least daily, and an install that was offline is updated
   * as soon as its worker returns, whether or not its wave still waits for it.
   */
  public static final Duration DEFAULT_WAVE_DEADLINE = Duration.ofHours(24);

  /**
   * Each count costs the rollout's history about eight events and the database one aggregate over
   * the wave; once a minute keeps a day-long wave near 12,000 events, a few continue-as-new.
   */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);

  /** More waves than this is a typo, not a plan. */
  public static final int MAX_WAVES = 20;

  public RolloutRequest {
    wavePercents = wavePercents == null ? DEFAULT_WAVES : List.copyOf(wavePercents);
    waveDeadline = waveDeadline == null ? DEFAULT_WAVE_DEADLINE : waveDeadline;
    pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
  }

  /** The default waves, failure rate, deadline and poll interval. */
  public static RolloutRequest of(String rolloutId, String product, String version, String mode) {
    return new RolloutRequest(
        rolloutId, product, version, mode, null, DEFAULT_MAX_FAILURE_RATE, null, null);
  }

  /** This request for the rollout {@code id}. */
  public RolloutRequest withRolloutId(String id) {
    return new RolloutRequest(
        id, product, version, mode, wavePercents, maxFailureRate, waveDeadline, pollInterval);
  }

  /** What is wrong with this request, in one line; null when nothing is. */
  public String problem() {
    if (blank(product)) {
      return "the rollout has no product";
    }
    if (blank(version)) {
      return "the rollout has no version";
    }
    if (blank(mode)) {
      return "the rollout has no mode";
    }
    try {
      SemVer.parse(version);
    } catch (InvalidVersionException e) {
      return e.getMessage();
    }
    if (wavePercents.isEmpty()) {
      return "the rollout has no waves";
    }
    if (wavePercents.size() > MAX_WAVES) {
      return "a rollout has at most " + MAX_WAVES + " waves";
    }
    int previous = 0;
    for (Integer percent : wavePercents) {
      if (percent == null || percent <= previous || percent > 100) {
        return "wave percentages must rise strictly from 1 to 100, e.g. 1,10,50,100; not "
            + wavePercents;
      }
      previous = percent;
    }
    if (!(maxFailureRate >= 0 && maxFailureRate <= 1)) {
      return "the failure threshold must be from 0 to 1, not " + maxFailureRate;
    }
    if (waveDeadline.isNegative() || waveDeadline.isZero()) {
      return "the wave deadline must be positive";
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      return "the poll interval must be positive";
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
