package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.nebula.schema.CatalogFixtures.release;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.TufMetadataRow;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

/** tuf_metadata: append-only versions, concurrent writers, and the catalog as targets sees it. */
@Tag("integration")
class TufMetadataRepositoryTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  private TestPostgres.Database db;
  private TestClock clock;
  private Catalog catalog;
  private TufMetadataRepository tuf;

  @BeforeEach
  void setUp() {
    db = TestPostgres.newMigratedDatabase();
    clock = new TestClock(T0);
    catalog = Catalog.jdbi(db.transactions(), clock);
    tuf = new TufMetadataRepository(db.transactions());
  }

  private static TufMetadataRow row(String role, long version, String body) {
    return new TufMetadataRow(role, version, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(TufMetadataRow row) {
    return new String(row.body(), StandardCharsets.UTF_8);
  }

  @Test
  void theLatestVersionOfARoleAndAnyOlderOneAreRead() {
    tuf.insert(row("root", 1, "{\"r\":1}"));
    tuf.insert(row("root", 2, "{\"r\":2}"));
    tuf.insert(row("timestamp", 1, "{\"t\":1}"));

    assertThat(tuf.latest("root").map(TufMetadataRepositoryTest::text)).contains("{\"r\":2}");
    assertThat(tuf.find("root", 1).map(TufMetadataRepositoryTest::text)).contains("{\"r\":1}");
    assertThat(tuf.find("root", 3)).isEmpty();
    assertThat(tuf.latest("snapshot")).isEmpty();
  }

  @Test
  void aSecondInsertOfTheSameVersionKeepsTheFirstAndSaysSo() {
    tuf.insert(row("timestamp", 1, "first"));

    TufMetadataRow stored = tuf.insert(row("timestamp", 1, "second"));

    assertThat(text(stored)).isEqualTo("first");
    assertThat(text(tuf.find("timestamp", 1).orElseThrow())).isEqualTo("first");
  }

  @Test
  void concurrentInsertsOfOneVersionStoreOneRowAndAllAgreeOnIt() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<TufMetadataRow>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = "writer " + i;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return tuf.insert(row("snapshot", 1, body));
                }));
      }
      go.countDown();
      Set<String> seen = new HashSet<>();
      for (Future<TufMetadataRow> f : results) {
        seen.add(text(f.get()));
      }

      assertThat(seen).hasSize(1);
      assertThat(text(tuf.find("snapshot", 1).orElseThrow())).isEqualTo(seen.iterator().next());
      assertThat(count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentWritersOfTheNextVersionEachDecideAgainFromTheWinnersRow() throws Exception {
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Callable<List<TufMetadataRow>>> tasks = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        tasks.add(
            () -> {
              go.await();
              return tuf.write(
                  reads -> {
                    long next = reads.latest("targets").map(TufMetadataRow::version).orElse(0L) + 1;
                    return List.of(row("targets", next, "v" + next));
                  });
            });
      }
      List<Future<List<TufMetadataRow>>> futures = new ArrayList<>();
      for (Callable<List<TufMetadataRow>> t : tasks) {
        futures.add(pool.submit(t));
      }
      go.countDown();
      Set<Long> written = new TreeSet<>();
      for (Future<List<TufMetadataRow>> f : futures) {
        written.add(f.get().get(0).version());
      }

      assertThat(written).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
      for (long v = 1; v <= writers; v++) {
        assertThat(text(tuf.find("targets", v).orElseThrow())).isEqualTo("v" + v);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWriteThatThrowsStoresNothing() {
    assertThatThrownBy(
            () ->
                tuf.write(
                    reads -> {
                      throw new IllegalArgumentException("refused");
                    }))
        .hasMessage("refused");

    assertThat(count()).isZero();
  }

  @Test
  void aRoleOtherThanTheFourIsRefusedByTheTable() {
    assertThatThrownBy(() -> tuf.insert(row("mirrors", 1, "{}")));
    assertThat(count()).isZero();
  }

  @Test
  void offeredReleasesAreTheVersionsValidAndReleasedNowWithTheirModesFilesAndManifest() {
    catalog.products().create("v-sekai", null, null);
    catalog.products().create("launcher", null, null);
    catalog.modes().create("stable", null, null);
    catalog.modes().create("beta", null, null);
    catalog.releases().register(release("v-sekai", "1.0.0", "stable", null, T0));
    catalog.releases().releaseToMode("v-sekai", SemVer.parse("1.0.0"), "beta", null);
    catalog.releases().register(release("v-sekai", "1.1.0-beta.1", "beta", null, T0));
    catalog.releases().register(release("launcher", "2.0.0", "stable", null, T0));
    catalog.releases().register(release("v-sekai", "0.9.0", "stable", null, T0));
    catalog.releases().withdraw("v-sekai", SemVer.parse("0.9.0"));
    catalog.releases().register(release("v-sekai", "2.0.0", "stable", T0.plus(DAY), T0));
    catalog.releases().register(release("v-sekai", "0.8.0", "beta", null, T0));
    catalog.releases().withdrawFromMode("v-sekai", SemVer.parse("0.8.0"), "beta");
    clock.advance(Duration.ofSeconds(1));

    List<OfferedRelease> offered = tuf.offeredReleases(clock.instant());

    assertThat(offered)
        .extracting(r -> r.product() + " " + r.version() + " " + r.modes())
        .containsExactlyInAnyOrder(
            "v-sekai 1.0.0 [beta, stable]",
            "v-sekai 1.1.0-beta.1 [beta]",
            "launcher 2.0.0 [stable]");
    OfferedRelease one =
        offered.stream().filter(r -> r.version().equals("1.0.0")).findFirst().orElseThrow();
    assertThat(one.manifestEnvelope()).isEqualTo("{\"version\":\"1.0.0\"}");
    assertThat(one.files())
        .containsExactly(new VersionFileRow("bin/game", 42, "0755", "ab".repeat(32)));

    clock.advance(DAY);
    assertThat(tuf.offeredReleases(clock.instant()))
        .extracting(OfferedRelease::version)
        .as("a release scheduled for later is offered from then on")
        .contains("2.0.0");
  }

  @Test
  void offeredReleasesMatchTheCurrentVersionOfEachMode() {
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    for (String v : List.of("1.0.0", "1.0.1", "1.1.0-rc.1")) {
      catalog.releases().register(release("v-sekai", v, "stable", null, T0));
    }
    clock.advance(Duration.ofSeconds(1));

    Set<SemVer> offered =
        tuf.offeredReleases(clock.instant()).stream()
            .map(r -> SemVer.parse(r.version()))
            .collect(Collectors.toSet());

    assertThat(offered.stream().max(SemVer::compareTo).map(SemVer::toString))
        .isEqualTo(
            catalog
                .versions()
                .current("v-sekai", "stable", clock.instant())
                .map(v -> v.version().toString()));
  }

  private int count() {
    return db.jdbi()
        .withHandle(
            h -> h.createQuery("SELECT count(*) FROM tuf_metadata").mapTo(Integer.class).one());
  }
}
