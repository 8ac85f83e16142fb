package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.local.CurrentRelease;
import org.vsekai.nebula.activities.local.RunningGames;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.desync.testing.TestData;

/**
 * A game started by the launcher runs from its release to the end, whatever updates complete
 * meanwhile: the release stays whole until the game ends, and goes then. The "game" is a shell
 * script that reports what it reads.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the game is a POSIX shell script")
@Tag("integration")
class GameKeepsItsReleaseTest {
  private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));

  /** Reports where it runs and what its README says, at start and when told to stop. */
  private static final String GAME =
      "#!/bin/sh\n"
          + "pwd -P > \"$1/cwd\"\n"
          + "cat README.txt > \"$1/readme-at-start\"\n"
          + "while [ ! -f \"$1/stop\" ]; do sleep 0.05; done\n"
          + "cat README.txt > \"$1/readme-at-end\"\n"
          + "exit 7\n";

  @TempDir Path dir;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;
  private Path signals;

  @BeforeEach
  void installV1() throws Exception {
    service = new FakeReleaseService(dir.resolve("service"));
    bed = new ActivitiesTestBed(dir, service, DiskSpace.REAL);
    signals = Files.createDirectories(dir.resolve("signals"));
    publish("0.1.0");
    bed.update("0.1.0");
  }

  @AfterEach
  void stop() {
    bed.close();
    service.close();
  }

  private void publish(String version) throws Exception {
    Path build = dir.resolve("build-" + version);
    Files.createDirectories(build);
    Files.writeString(build.resolve("v-sekai"), GAME);
    build.resolve("v-sekai").toFile().setExecutable(true);
    Files.writeString(build.resolve("README.txt"), "V-Sekai " + version + "\n");
    TestData.write(build.resolve("data/world.pck"), TestData.random(version.hashCode(), 200_000));
    service.publish(version, "stable", build, LATER);
  }

  private List<String> releases() throws Exception {
    try (Stream<Path> dirs = Files.list(bed.folder.versions())) {
      return dirs.map(d -> d.getFileName().toString()).sorted().toList();
    }
  }

  private void awaitFile(Path file) throws InterruptedException {
    for (int i = 0; i < 200 && !Files.exists(file); i++) {
      Thread.sleep(50);
    }
    assertThat(file).exists();
  }

  @Test
  void aGameRunsFromItsReleaseThroughUpdatesAndItsReleaseGoesWhenItEnds() throws Exception {
    GameLauncher.Game game = new GameLauncher(bed.folder).start(List.of(signals.toString()), false);
    awaitFile(signals.resolve("readme-at-start"));
    String v1 = game.releaseId();
    assertThat(Path.of(Files.readString(signals.resolve("cwd")).strip()))
        .isEqualTo(bed.folder.releaseDir(v1).toRealPath());

    publish("0.2.0");
    String v2 = bed.update("0.2.0").planId();
    publish("0.3.0");
    String v3 = bed.update("0.3.0").planId();

    // The game's release stayed through two updates; the one nobody ran went at once.
    assertThat(releases()).containsExactlyInAnyOrder(v1, v3).doesNotContain(v2);
    assertThat(bed.folder.releaseRecord(v1)).exists();
    Files.createFile(signals.resolve("stop"));
    assertThat(game.waitFor()).isEqualTo(7);
    assertThat(Files.readString(signals.resolve("readme-at-end"))).isEqualTo("V-Sekai 0.1.0\n");
    assertThat(releases()).containsExactly(v3);
    assertThat(bed.folder.releaseRecord(v1)).doesNotExist();
  }

  @Test
  void aMarkerLeftByALauncherThatDiedPinsNothing() throws Exception {
    String v1 = new CurrentRelease(bed.folder).releaseId().get();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    new RunningGames(bed.folder).started(v1, gone.toHandle());

    publish("0.2.0");
    String v2 = bed.update("0.2.0").planId();

    assertThat(releases()).containsExactly(v2);
  }
}
