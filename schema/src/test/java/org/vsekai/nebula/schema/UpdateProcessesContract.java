package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.nebula.schema.CatalogFixtures.release;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.schema.testing.TestClock;

/**
 * What update processes must do, whatever stores them: run on PostgreSQL ({@link
 * JdbiUpdateProcessesTest}) and on the in-memory fakes ({@link FakeUpdateProcessesTest}).
 */
abstract class UpdateProcessesContract {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  /** The catalog, installs and update processes of one store, empty; "now" is the clock's. */
  record Stores(Catalog catalog, InstallRepository installs, UpdateProcessRepository processes) {}

  abstract Stores newStores(TestClock clock);

  private TestClock clock;
  private InstallRepository installs;
  private UpdateProcessRepository processes;
  private UUID installId;

  @BeforeEach
  void setUp() {
    clock = new TestClock(T0);
    Stores stores = newStores(clock);
    Catalog catalog = stores.catalog();
    installs = stores.installs();
    processes = stores.processes();
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    catalog.releases().register(release("v-sekai", "0.1.0", "stable", null, T0));
    catalog.releases().register(release("v-sekai", "0.2.0", "stable", null, T0));
    installId = installs.register(null, "v-sekai", "stable", SemVer.parse("0.1.0")).value().id();
  }

  private UpdateProcessReport report(UUID id, UpdateState state) {
    return new UpdateProcessReport(id, installId, state, null, null, null, null, null, null);
  }

  private UpdateProcess step(UUID id, UpdateState state) {
    clock.advance(Duration.ofSeconds(10));
    return processes.report(report(id, state)).value();
  }

  @Test
  void aSuccessfulUpdateRecordsEveryStateAndMovesTheInstall() {
    UUID id = UUID.randomUUID();
    Created<UpdateProcess> created =
        processes.report(
            new UpdateProcessReport(
                id,
                installId,
                UpdateState.Checking,
                null,
                "0.2.0",
                "manifest.json 0.2.0",
                List.of("bin/game", "data/pack0.pck"),
                Map.of("InstallPath", "C:/v-sekai"),
                "/launcher/cache"));
    assertThat(created.created()).isTrue();
    step(id, UpdateState.UpdateAvailable);
    step(id, UpdateState.PreparingUpdate);
    step(id, UpdateState.DownloadingUpdate);
    step(id, UpdateState.ApplyingUpdate);
    step(id, UpdateState.FinalizingUpdate);
    UpdateProcess done = step(id, UpdateState.UpdateSuccessful);

    assertThat(done.fromVersion()).isEqualTo("0.1.0");
    assertThat(done.toVersion()).isEqualTo("0.2.0");
    assertThat(done.filesForUpdate()).containsExactly("bin/game", "data/pack0.pck");
    assertThat(done.registryValues()).containsEntry("InstallPath", "C:/v-sekai");
    assertThat(done.state()).isEqualTo(UpdateState.UpdateSuccessful);
    assertThat(done.validFrom()).isEqualTo(T0);
    assertThat(done.validTo()).isEqualTo(T0.plusSeconds(60));
    assertThat(done.states())
        .extracting(UpdateProcess.StatePeriod::state)
        .containsExactly(
            UpdateState.Checking,
            UpdateState.UpdateAvailable,
            UpdateState.PreparingUpdate,
            UpdateState.DownloadingUpdate,
            UpdateState.ApplyingUpdate,
            UpdateState.FinalizingUpdate,
            UpdateState.UpdateSuccessful);
    // Each period ends where the next begins; the final state stays open.
    for (int i = 0; i + 1 < done.states().size(); i++) {
      assertThat(done.states().get(i).validTo()).isEqualTo(done.states().get(i + 1).validFrom());
    }
    assertThat(done.states().get(6).validTo()).isNull();
    assertThat(installs.find(installId).version()).isEqualTo(SemVer.parse("0.2.0"));
    assertThat(processes.cacheHistory(installId))
        .singleElement()
        .satisfies(c -> assertThat(c.path()).isEqualTo("/launcher/cache"));
  }

  @Test
  void reportingTheSameStateAgainChangesNothing() {
    UUID id = UUID.randomUUID();
    step(id, UpdateState.Checking);
    step(id, UpdateState.DownloadingUpdate);

    Created<UpdateProcess> again = processes.report(report(id, UpdateState.DownloadingUpdate));

    assertThat(again.created()).isFalse();
    assertThat(again.value().states()).hasSize(2);
  }

  @Test
  void anUpdateCannotGoBackwardsOrLeaveAFinalState() {
    UUID id = UUID.randomUUID();
    step(id, UpdateState.Checking);
    step(id, UpdateState.ApplyingUpdate);

    assertThatThrownBy(() -> processes.report(report(id, UpdateState.DownloadingUpdate)))
        .isInstanceOf(RecordConflictException.class)
        .hasMessage("update process " + id + " cannot go from ApplyingUpdate to DownloadingUpdate");
    step(id, UpdateState.UpdateFailed);
    assertThatThrownBy(() -> processes.report(report(id, UpdateState.FinalizingUpdate)))
        .isInstanceOf(RecordConflictException.class);
    assertThat(installs.find(installId).version()).isEqualTo(SemVer.parse("0.1.0"));
    assertThat(processes.find(id).validTo()).isNotNull();
  }

  @Test
  void laterReportsMayNotRewriteTheSeedFields() {
    UUID id = UUID.randomUUID();
    processes.report(
        new UpdateProcessReport(
            id, installId, UpdateState.Checking, null, "0.2.0", "m 0.2.0", null, null, null));

    assertThatThrownBy(
            () ->
                processes.report(
                    new UpdateProcessReport(
                        id,
                        installId,
                        UpdateState.UpdateAvailable,
                        null,
                        "0.1.0",
                        null,
                        null,
                        null,
                        null)))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("another target version");
    assertThat(processes.find(id).states()).hasSize(1);
  }

  @Test
  void listsArePagedNewestFirstAndPerInstall() {
    UUID other = installs.register(null, "v-sekai", "stable", null).value().id();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      processes.report(
          new UpdateProcessReport(
              UUID.randomUUID(),
              i < 3 ? installId : other,
              UpdateState.Checking,
              null,
              null,
              null,
              null,
              null,
              null));
    }

    Listing<UpdateProcess> first = processes.list(null, null, 2);
    Listing<UpdateProcess> rest = processes.list(null, first.next(), 10);
    assertThat(first.items()).hasSize(2);
    assertThat(first.items().get(0).installId()).isEqualTo(other);
    assertThat(rest.items()).hasSize(3);
    assertThat(rest.next()).isNull();
    assertThat(processes.list(installId, null, 10).items()).hasSize(3);
  }

  @Test
  void reportsForUnknownInstallsOrVersionsAreRefused() {
    assertThatThrownBy(
            () ->
                processes.report(
                    new UpdateProcessReport(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        UpdateState.Checking,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("is not registered");
    assertThatThrownBy(
            () ->
                processes.report(
                    new UpdateProcessReport(
                        UUID.randomUUID(),
                        installId,
                        UpdateState.Checking,
                        null,
                        "7.0.0",
                        null,
                        null,
                        null,
                        null)))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("v-sekai 7.0.0 does not exist");
  }
}
