package org.vsekai.nebula.cli.rollout;

import java.time.Duration;
import java.util.List;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.rest.RolloutStart;
import picocli.CommandLine.Option;

/** What to roll out and how: shared by {@code rollout start} and {@code rollout schedule}. */
final class RolloutOptions {
  @Option(
      names = "--product",
      defaultValue = "v-sekai",
      description = "product (default: ${DEFAULT-VALUE})")
  String product;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "SEMVER",
      description = "the published version to roll out")
  String version;

  @Option(
      names = {"--mode", "--mode_name"},
      defaultValue = "stable",
      description = "the installs following this mode are the fleet (default: ${DEFAULT-VALUE})")
  String mode;

  @Option(
      names = "--waves",
      split = ",",
      paramLabel = "PERCENT",
      description = "cumulative percentages of the fleet, e.g. 1,10,50,100 (the default)")
  List<Integer> waves;

  @Option(
      names = "--max-failure-rate",
      paramLabel = "RATE",
      description =
          "halt after a wave in which more than this share of updates failed, 0 to 1 (default 0.2)")
  Double maxFailureRate;

  @Option(
      names = "--wave-deadline",
      converter = DurationText.class,
      paramLabel = "DURATION",
      description = "how long each wave waits for its installs, e.g. 6h (default 24h)")
  Duration waveDeadline;

  @Option(
      names = "--poll-interval",
      converter = DurationText.class,
      paramLabel = "DURATION",
      description = "how often a waiting wave counts results (default 1m)")
  Duration pollInterval;

  RolloutStart toStart() {
    return new RolloutStart(
        product,
        SemVer.parseLenient(version).toString(),
        mode,
        waves,
        maxFailureRate,
        waveDeadline == null ? null : waveDeadline.toSeconds(),
        pollInterval == null ? null : pollInterval.toSeconds());
  }
}
