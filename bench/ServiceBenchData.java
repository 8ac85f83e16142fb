import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.schema.Catalog;
import org.vsekai.nebula.schema.PublishedVersion;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.NebulaServices;

/**
 * Helper of bench/service-bench.sh (run as a single-file program on the CLI's class path, not a
 * test): fills the embedded service's tables under DATA_DIR with VERSIONS versions of product
 * "bench", then times the repository's "current version" call in this process.
 *
 * <p>The versions: K = VERSIONS/2 cores major.minor.patch, each as "-rc.1" and as a release,
 * so precedence is insertion order. Every version is valid since yesterday; all but the newest
 * 50 are released to mode "stable", the newest 100 to mode "beta" (beta runs ahead of stable, so
 * the stable query has to skip what only beta offers). Inserted in bulk with generate_series,
 * then ANALYZEd as autovacuum would.
 *
 * <pre>java -cp CLI_CLASSPATH bench/ServiceBenchData.java DATA_DIR VERSIONS SAMPLES</pre>
 *
 * Prints "expected VERSION" (what latest of stable must answer) and the call's percentiles.
 */
public final class ServiceBenchData {
  static final String PRODUCT = "bench";
  static final int BETA_ONLY = 50;
  static final int BETA = 100;

  public static void main(String[] args) throws Exception {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
    Path data = Path.of(args[0]);
    int versions = Integer.parseInt(args[1]);
    int samples = Integer.parseInt(args[2]);
    if (versions < 2 * BETA || versions % 2 != 0) throw new IllegalArgumentException("VERSIONS must be even and >= " + 2 * BETA);
    Files.createDirectories(data);
    try (EmbeddedNebulaService nebula = EmbeddedNebulaService.start(data)) {
      NebulaServices s = nebula.services();
      Catalog catalog = s.catalog();
      Jdbi jdbi = s.transactions().jdbi();
      int have = jdbi.withHandle(h -> h.createQuery(
          "SELECT count(*) FROM versions v JOIN products p ON p.id = v.product_id WHERE p.name = :p")
          .bind("p", PRODUCT).mapTo(Integer.class).one());
      if (have != versions) {
        if (have != 0) throw new IllegalStateException(have + " versions in " + data + ", not " + versions + "; delete it");
        fill(catalog, jdbi, versions);
      }
      String expected = expected(versions);
      System.out.println("expected " + expected);

      // The repository call as the endpoint makes it, "now" each time.
      for (int i = 0; i < Math.max(2000, samples / 5); i++) current(catalog, s);
      long[] nanos = new long[samples];
      for (int i = 0; i < samples; i++) {
        long t0 = System.nanoTime();
        PublishedVersion v = current(catalog, s);
        nanos[i] = System.nanoTime() - t0;
        if (!v.version().toString().equals(expected)) throw new IllegalStateException("current is " + v.version() + ", not " + expected);
      }
      Arrays.sort(nanos);
      System.out.printf("repository %s %s %s %s%n", ms(nanos, 0.50), ms(nanos, 0.99), ms(nanos, 0.999), ms(nanos, 1.0));
    }
  }

  static PublishedVersion current(Catalog catalog, NebulaServices s) {
    Optional<PublishedVersion> v = catalog.versions().current(PRODUCT, "stable", s.clock().instant());
    return v.orElseThrow(() -> new IllegalStateException("nothing offered in stable"));
  }

  static String ms(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return String.format("%.3f", sorted[Math.max(0, i)] / 1e6);
  }

  /** Row i is core k = i/2 (major k/2500, minor k/50%50, patch k%50), "-rc.1" when i is even. */
  static String expected(int versions) {
    int i = versions - BETA_ONLY - 1; // the newest version stable offers
    int k = i / 2;
    return (k / 2500) + "." + (k / 50 % 50) + "." + (k % 50) + (i % 2 == 0 ? "-rc.1" : "");
  }

  static void fill(Catalog catalog, Jdbi jdbi, int versions) {
    long t0 = System.nanoTime();
    Instant since = Instant.now().minus(Duration.ofDays(1));
    catalog.products().create(PRODUCT, since, null);
    catalog.modes().create("stable", since, null);
    catalog.modes().create("beta", since, null);
    jdbi.useTransaction(h -> {
      h.createUpdate(
              """
              INSERT INTO versions (product_id, major, minor, patch, tag, build, executable_path, created_at)
              SELECT (SELECT id FROM products WHERE name = :p), i / 2 / 2500, i / 2 / 50 % 50, i / 2 % 50,
                     CASE WHEN i % 2 = 0 THEN 'rc.1' ELSE '' END, '', 'game/v-sekai.x86_64',
                     :since::timestamptz + i * interval '1 millisecond'
              FROM generate_series(0, :n - 1) AS i""")
          .bind("p", PRODUCT).bind("since", since).bind("n", versions).execute();
      // i back from the version's numbers, to pick its modes.
      String rank = "(2 * (v.major * 2500 + v.minor * 50 + v.patch) + CASE WHEN v.tag = '' THEN 1 ELSE 0 END)";
      h.createUpdate(
              "INSERT INTO version_validities (version_id, valid_from) SELECT v.id, :since FROM versions v"
                  + " JOIN products p ON p.id = v.product_id WHERE p.name = :p")
          .bind("p", PRODUCT).bind("since", since).execute();
      h.createUpdate(
              "INSERT INTO releases (version_id, mode_id, valid_from) SELECT v.id, (SELECT id FROM modes WHERE name = 'stable'), :since"
                  + " FROM versions v JOIN products p ON p.id = v.product_id WHERE p.name = :p AND " + rank + " < :n - " + BETA_ONLY)
          .bind("p", PRODUCT).bind("since", since).bind("n", versions).execute();
      h.createUpdate(
              "INSERT INTO releases (version_id, mode_id, valid_from) SELECT v.id, (SELECT id FROM modes WHERE name = 'beta'), :since"
                  + " FROM versions v JOIN products p ON p.id = v.product_id WHERE p.name = :p AND " + rank + " >= :n - " + BETA)
          .bind("p", PRODUCT).bind("since", since).bind("n", versions).execute();
    });
    jdbi.useHandle(h -> h.execute("ANALYZE versions, version_validities, releases, products, modes"));
    System.err.printf("bench: %d versions inserted in %.1f s%n", versions, (System.nanoTime() - t0) / 1e9);
  }
}
