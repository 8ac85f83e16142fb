package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.nebula.schema.CatalogFixtures.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.schema.db.RolloutCandidateRow;
import org.vsekai.nebula.schema.db.RolloutTargetRow;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

@Tag("integration")
class RolloutRepositoryTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private TestClock clock;
  private InstallRepository installs;
  private UpdateProcessRepository processes;
  private RolloutRepository rollouts;

  @BeforeEach
  void setUp() {
    TestPostgres.Database db = TestPostgres.newMigratedDatabase();
    clock = new TestClock(T0);
    Catalog catalog = Catalog.jdbi(db.transactions(), clock);
    installs = new JdbiInstallRepository(db.transactions(), clock);
    processes = new JdbiUpdateProcessRepository(db.transactions(), clock);
    rollouts = new RolloutRepository(db.transactions(), clock);
    catalog.products().create("v-sekai", null, null);
    catalog.products().create("other-game", null, null);
    catalog.modes().create("stable", null, null);
    catalog.modes().create("beta", null, null);
    catalog.releases().register(release("v-sekai", "0.1.0", "stable", null, T0));
    catalog.releases().register(release("v-sekai", "0.2.0", "stable", null, T0));
    catalog.releases().register(release("other-game", "0.1.0", "stable", null, T0));
    clock.advance(Duration.ofMinutes(1));
  }

  private NewRollout rollout(UUID id, String version) {
    return new NewRollout(
        id,
        "v-sekai",
        SemVer.parse(version),
        "stable",
        0.2,
        List.of(10, 50, 100),
        3600,
        "rollout-" + id);
  }

  private UUID install(String product, String mode, String version) {
    return installs
        .register(null, product, mode, version == null ? null : SemVer.parse(version))
        .value()
        .id();
  }

  @Test
  void openingRecordsTheRolloutRunningWithItsWavesPendingOnce() {
    UUID id = UUID.randomUUID();
    Created<Rollout> first = rollouts.open(rollout(id, "0.2.0"));
    Created<Rollout> again = rollouts.open(rollout(id, "0.2.0"));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    Rollout info = again.value();
    assertThat(info.state()).isEqualTo("Running");
    assertThat(info.version()).isEqualTo(SemVer.parse("0.2.0"));
    assertThat(info.workflowId()).isEqualTo("rollout-" + id);
    assertThat(info.waves()).extracting(Rollout.Wave::percent).containsExactly(10, 50, 100);
    assertThat(info.waves()).extracting(Rollout.Wave::state).containsOnly("Pending");
    assertThat(info.states()).hasSize(1);

    assertThatThrownBy(() -> rollouts.open(rollout(id, "0.1.0")))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("exists for v-sekai 0.2.0 to stable");
    assertThatThrownBy(() -> rollouts.open(rollout(UUID.randomUUID(), "9.9.9")))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("v-sekai 9.9.9 does not exist");
  }

  @Test
  void candidatesAreTheProductsInstallsInTheModeNotYetReachedInIdOrder() {
    List<UUID> stable = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      stable.add(install("v-sekai", "stable", i % 2 == 0 ? "0.1.0" : null));
    }
    install("v-sekai", "beta", "0.1.0");
    install("other-game", "stable", "0.1.0");
    UUID switched = install("v-sekai", "stable", null);
    clock.advance(Duration.ofSeconds(1));
    installs.switchMode(switched, "beta");
    UUID id = UUID.randomUUID();
    rollouts.open(rollout(id, "0.2.0"));

    List<RolloutCandidateRow> all = rollouts.candidates(id, null, 100);
    assertThat(all)
        .extracting(RolloutCandidateRow::installId)
        .containsExactlyElementsOf(
            stable.stream()
                .sorted(Comparator.comparing(UUID::toString))
                .toList()); // the database orders UUIDs by their bytes; Java by signed longs
    assertThat(all.stream().filter(c -> c.version() != null).map(c -> c.version().toString()))
        .containsOnly("0.1.0");

    List<RolloutCandidateRow> page = rollouts.candidates(id, all.get(1).installId(), 2);
    assertThat(page)
        .extracting(RolloutCandidateRow::installId)
        .containsExactly(all.get(2).installId(), all.get(3).installId());

    rollouts.addTargets(
        id, 0, List.of(target(all.get(0).installId()), target(all.get(3).installId())));
    rollouts.addTargets(id, 0, List.of(target(all.get(0).installId()))); // a retried page
    assertThat(rollouts.candidates(id, null, 100))
        .extracting(RolloutCandidateRow::installId)
        .containsExactly(all.get(1).installId(), all.get(2).installId(), all.get(4).installId());
    assertThat(rollouts.tally(id, 0).targeted()).isEqualTo(2);
  }

  private static RolloutTargetRow target(UUID installId) {
    return new RolloutTargetRow(
        installId, "update-" + installId, UUID.randomUUID().toString(), UUID.randomUUID(), false);
  }

  @Test
  void aWavesTallyCountsItsUpdatesByHowTheyEnded() {
    UUID id = UUID.randomUUID();
    rollouts.open(rollout(id, "0.2.0"));
    List<RolloutTargetRow> targets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      targets.add(target(install("v-sekai", "stable", "0.1.0")));
    }
    rollouts.addTargets(id, 0, targets);
    report(targets.get(0), UpdateState.UpdateSuccessful, "downloaded 10 of 10 bytes needed");
    report(targets.get(1), UpdateState.UpdateFailed, "UntrustedKey in Checking: not our key");
    clock.advance(Duration.ofSeconds(1));
    report(
        targets.get(2),
        UpdateState.UpdateFailed,
        "CorruptChunk in DownloadingUpdate: chunk ab is corrupt");
    report(targets.get(3), UpdateState.UpdateCancelled, null);
    // targets.get(4) has not reported: its install is offline.

    WaveTally tally = rollouts.tally(id, 0);
    assertThat(tally).isEqualTo(new WaveTally(5, 1, 2, 1, "UntrustedKey in Checking: not our key"));
    Rollout.Wave wave = rollouts.find(id).waves().get(0);
    assertThat(wave.failed()).isEqualTo(2);
    assertThat(wave.targeted() - wave.succeeded() - wave.failed() - wave.cancelled()).isEqualTo(1);
    assertThat(rollouts.tally(id, 1)).isEqualTo(new WaveTally(0, 0, 0, 0, null));
  }

  private void report(RolloutTargetRow target, UpdateState end, String detail) {
    clock.advance(Duration.ofSeconds(1));
    processes.report(
        new UpdateProcessReport(
            target.updateProcessId(),
            target.installId(),
            UpdateState.UpdateAvailable,
            null,
            "0.2.0",
            null,
            null,
            null,
            null));
    clock.advance(Duration.ofSeconds(1));
    processes.report(
        new UpdateProcessReport(
            target.updateProcessId(),
            target.installId(),
            end,
            detail,
            "0.2.0",
            null,
            null,
            null,
            null));
  }

  @Test
  void statesAreKeptOverTimeAndAnEndSkipsThePendingWaves() {
    UUID id = UUID.randomUUID();
    rollouts.open(rollout(id, "0.2.0"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(rollouts.recordWaveState(id, 0, "Running", 0, 0, 0, null)).isTrue();
    assertThat(rollouts.recordWaveState(id, 0, "Running", 0, 0, 0, null))
        .as("a repeated record")
        .isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rollouts.recordState(id, "Paused", "paused")).isTrue();
    assertThat(rollouts.recordState(id, "Paused", "paused")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    rollouts.recordState(id, "Running", "resumed");
    clock.advance(Duration.ofSeconds(1));
    rollouts.recordWaveState(id, 0, "Halted", 10, 7, 3, "wave 1 (10%): 3 of 10 updates failed");
    assertThat(rollouts.recordState(id, "Halted", "wave 1 (10%): 3 of 10 updates failed")).isTrue();
    assertThat(rollouts.recordState(id, "Halted", "wave 1 (10%): 3 of 10 updates failed"))
        .as("retried")
        .isFalse();

    Rollout info = rollouts.find(id);
    assertThat(info.state()).isEqualTo("Halted");
    assertThat(info.reason()).isEqualTo("wave 1 (10%): 3 of 10 updates failed");
    assertThat(info.states())
        .extracting(Rollout.StatePeriod::state)
        .containsExactly("Running", "Paused", "Running", "Halted");
    assertThat(info.states().get(0).validTo()).isEqualTo(info.states().get(1).validFrom());
    assertThat(info.states().get(3).validTo()).isNull();
    assertThat(info.waves())
        .extracting(Rollout.Wave::state)
        .containsExactly("Halted", "Skipped", "Skipped");

    assertThatThrownBy(() -> rollouts.recordState(id, "Running", null))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("has ended Halted; it cannot become Running");
    assertThatThrownBy(() -> rollouts.recordWaveState(id, 1, "Running", 0, 0, 0, null))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("has ended Skipped");
    assertThatThrownBy(() -> rollouts.recordWaveState(id, 7, "Running", 0, 0, 0, null))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("rollout " + id + " has no wave 8");
  }

  @Test
  void rolloutsAreListedNewestFirstPageByPage() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      UUID id = UUID.randomUUID();
      ids.add(id);
      rollouts.open(rollout(id, "0.2.0"));
    }
    Listing<Rollout> first = rollouts.list(null, 2);
    Listing<Rollout> second = rollouts.list(first.next(), 2);
    assertThat(first.items()).extracting(Rollout::id).containsExactly(ids.get(2), ids.get(1));
    assertThat(second.items()).extracting(Rollout::id).containsExactly(ids.get(0));
    assertThat(second.next()).isNull();
    assertThatThrownBy(() -> rollouts.find(UUID.randomUUID()))
        .isInstanceOf(RecordNotFoundException.class);
  }
}
