package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.db.CatalogEntries;
import org.vsekai.nebula.schema.db.CatalogEntries.Kind;
import org.vsekai.nebula.schema.db.ManifestDao;
import org.vsekai.nebula.schema.db.ManifestRow;
import org.vsekai.nebula.schema.db.NamedRow;
import org.vsekai.nebula.schema.db.ReleaseDao;
import org.vsekai.nebula.schema.db.ReleaseRow;
import org.vsekai.nebula.schema.db.VersionDao;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.schema.db.VersionRow;

/**
 * What is published: products, modes, versions, which version is offered in which mode, and the
 * signed manifests. Each public method is one SERIALIZABLE transaction; "now" comes from the clock,
 * truncated to the database's microseconds so what is returned equals what is stored.
 */
public final class CatalogRepository {
  /**
   * How many candidates the current-version query reads at once. Only versions sharing the highest
   * major.minor.patch matter; when all of them do (many pre-releases of one version), a second
   * query reads that version's pre-releases in full.
   */
  static final int CURRENT_VERSION_CANDIDATES = VersionDao.CANDIDATES;

  private final SerializableTransactions tx;
  private final Clock clock;

  public CatalogRepository(SerializableTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  // ---- products and modes ------------------------------------------------------------------

  /** Creates the product with one validity period, or returns it unchanged if it exists. */
  public Created<ProductInfo> createProduct(String name, Instant validFrom, Instant validTo) {
    return create(Kind.PRODUCT, name, validFrom, validTo, CatalogRepository::productInfo);
  }

  /** Ends the product's open period now; it is no longer offered. */
  public ProductInfo retireProduct(String name) {
    return retire(Kind.PRODUCT, name, CatalogRepository::productInfo);
  }

  public Page<ProductInfo> productsValidNow(String cursor, int limit) {
    return validNow(Kind.PRODUCT, cursor, limit, CatalogRepository::productInfo);
  }

  public Created<ModeInfo> createMode(String name, Instant validFrom, Instant validTo) {
    return create(Kind.MODE, name, validFrom, validTo, CatalogRepository::modeInfo);
  }

  /** Ends the mode's open period now; installs can no longer switch to it. */
  public ModeInfo retireMode(String name) {
    return retire(Kind.MODE, name, CatalogRepository::modeInfo);
  }

  /** The modes valid now, by name: the seed's {@code mode list}. */
  public Page<ModeInfo> modesValidNow(String cursor, int limit) {
    return validNow(Kind.MODE, cursor, limit, CatalogRepository::modeInfo);
  }

  // Products and modes are one concept, a named entry with validity periods; these three are
  // what the six methods above do for either kind.

  private <T> Created<T> create(
      Kind kind, String name, Instant validFrom, Instant validTo, Function<NamedRow, T> info) {
    return tx.inTransaction(
        h -> {
          Instant from = periodStart(validFrom, validTo);
          CatalogEntries entries = CatalogEntries.of(h, kind);
          Optional<NamedRow> existing = entries.findLatest(name);
          if (existing.isPresent()) return new Created<>(info.apply(existing.get()), false);
          UUID id = entries.insert(name);
          entries.insertValidity(id, from, micros(validTo));
          return new Created<>(info.apply(entries.findLatest(name).orElseThrow()), true);
        });
  }

  private <T> T retire(Kind kind, String name, Function<NamedRow, T> info) {
    return tx.inTransaction(
        h -> {
          CatalogEntries entries = CatalogEntries.of(h, kind);
          NamedRow row =
              entries
                  .findLatest(name)
                  .orElseThrow(
                      () -> kind == Kind.PRODUCT ? unknownProduct(name) : unknownMode(name));
          entries.closeValidity(row.id(), now());
          return info.apply(entries.findLatest(name).orElseThrow());
        });
  }

  private <T> Page<T> validNow(Kind kind, String cursor, int limit, Function<NamedRow, T> info) {
    String after = PageCursors.decodeName(cursor);
    return tx.inReadOnlyTransaction(
        h -> {
          List<NamedRow> rows = CatalogEntries.of(h, kind).listValidAt(now(), after, limit + 1);
          return namePage(rows, limit, info);
        });
  }

  // ---- releases ----------------------------------------------------------------------------

  /**
   * Registers a new version, offers it in the release's mode from {@code validFrom}, and stores its
   * files and signed manifest, all or nothing.
   *
   * @throws RecordNotFoundException the product or mode does not exist
   * @throws RecordConflictException the version exists already, or the product or mode is not valid
   *     when the release would start
   */
  public VersionInfo registerRelease(NewRelease release) {
    return tx.inTransaction(
        h -> {
          Instant from = release.validFrom() == null ? now() : micros(release.validFrom());
          NamedRow product = validProduct(h, release.product(), from);
          NamedRow mode = validMode(h, release.mode(), from);
          SemVer v = release.version();
          VersionDao versions = h.attach(VersionDao.class);
          if (versions
              .find(product.id(), v.major(), v.minor(), v.patch(), v.preRelease())
              .isPresent()) {
            throw new RecordConflictException(release.product() + " " + v + " already exists");
          }
          UUID versionId =
              versions.insert(
                  product.id(),
                  v.major(),
                  v.minor(),
                  v.patch(),
                  v.preRelease(),
                  v.build(),
                  release.executablePath());
          versions.insertValidity(versionId, from, null);
          h.attach(ReleaseDao.class).insert(versionId, mode.id(), from, null);
          ManifestDao manifests = h.attach(ManifestDao.class);
          manifests.insertFiles(versionId, release.files());
          SignedEnvelope m = release.manifest();
          manifests.insert(
              versionId, m.keyId(), m.json(), micros(m.signedAt()), micros(m.expiresAt()));
          return versionInfo(h, versions.findById(versionId).orElseThrow());
        });
  }

  /** Offers an existing version in one more mode from {@code validFrom} (null: now). */
  public VersionInfo releaseToMode(String product, SemVer version, String mode, Instant validFrom) {
    return tx.inTransaction(
        h -> {
          Instant from = validFrom == null ? now() : micros(validFrom);
          VersionRow row = version(h, product, version);
          NamedRow m = validMode(h, mode, from);
          ReleaseDao releases = h.attach(ReleaseDao.class);
          if (releases.findOpen(row.id(), m.id()).isPresent()) {
            throw new RecordConflictException(
                product + " " + version + " is already released to " + mode);
          }
          releases.insert(row.id(), m.id(), from, null);
          return versionInfo(h, row);
        });
  }

  /** Stops offering a version in a mode from now on. */
  public VersionInfo withdrawFromMode(String product, SemVer version, String mode) {
    return tx.inTransaction(
        h -> {
          VersionRow row = version(h, product, version);
          NamedRow m =
              CatalogEntries.modes(h).findLatest(mode).orElseThrow(() -> unknownMode(mode));
          if (h.attach(ReleaseDao.class).close(row.id(), m.id(), now()) == 0) {
            throw new RecordNotFoundException(
                product + " " + version + " is not released to " + mode);
          }
          return versionInfo(h, row);
        });
  }

  /** Ends the version's validity now: it is no longer offered in any mode. */
  public VersionInfo withdrawVersion(String product, SemVer version) {
    return tx.inTransaction(
        h -> {
          VersionRow row = version(h, product, version);
          VersionDao versions = h.attach(VersionDao.class);
          versions.closeValidity(row.id(), now());
          return versionInfo(h, versions.findById(row.id()).orElseThrow());
        });
  }

  // ---- versions ----------------------------------------------------------------------------

  /**
   * The current version of a product in a mode at {@code at}: the highest SemVer (semver.org
   * pre-release ordering) among the versions valid at {@code at} and released to the mode at {@code
   * at}. Empty when there is none.
   *
   * @throws RecordNotFoundException the product or mode does not exist
   */
  public Optional<VersionInfo> currentVersion(String product, String mode, Instant at) {
    Instant when = micros(at);
    return tx.inReadOnlyTransaction(
        h -> {
          Optional<VersionRow> current = currentVersionRow(h, product, mode, when);
          if (current.isEmpty()) {
            // Only now tell "nothing offered" from "no such product or mode".
            if (CatalogEntries.products(h).findLatest(product).isEmpty()) {
              throw unknownProduct(product);
            }
            if (CatalogEntries.modes(h).findLatest(mode).isEmpty()) throw unknownMode(mode);
            return Optional.empty();
          }
          VersionRow row = current.get();
          return Optional.of(
              versionInfo(
                  product,
                  row,
                  modesNow(h, List.of(row.id()), when).getOrDefault(row.id(), List.of())));
        });
  }

  /** The hot query, inside a caller's transaction; one round trip unless pre-releases abound. */
  static Optional<VersionRow> currentVersionRow(Handle h, String product, String mode, Instant at) {
    VersionDao versions = h.attach(VersionDao.class);
    List<VersionRow> top = versions.offeredAt(product, mode, at);
    if (top.isEmpty()) return Optional.empty();
    VersionRow highest = top.get(0);
    List<VersionRow> sameCore = top.stream().filter(highest::sameCore).toList();
    if (sameCore.size() == CURRENT_VERSION_CANDIDATES) {
      sameCore =
          versions.offeredAtWithCore(
              highest.productId(), mode, at, highest.major(), highest.minor(), highest.patch());
    }
    return sameCore.stream().max(Comparator.comparing(VersionRow::semVer));
  }

  public VersionInfo findVersion(String product, SemVer version) {
    return tx.inReadOnlyTransaction(h -> versionInfo(h, version(h, product, version)));
  }

  /** A product's versions, the most recently published first. */
  public Page<VersionInfo> versions(String product, String cursor, int limit) {
    PageCursors.Keyset after = PageCursors.decodeKeyset(cursor);
    return tx.inReadOnlyTransaction(
        h -> {
          NamedRow p =
              CatalogEntries.products(h)
                  .findLatest(product)
                  .orElseThrow(() -> unknownProduct(product));
          List<VersionRow> rows =
              h.attach(VersionDao.class)
                  .pageByPublication(p.id(), after.at(), after.id(), limit + 1);
          List<VersionRow> items = rows.subList(0, Math.min(limit, rows.size()));
          Map<UUID, List<String>> modes =
              modesNow(h, items.stream().map(VersionRow::id).toList(), now());
          List<VersionInfo> infos =
              items.stream()
                  .map(r -> versionInfo(product, r, modes.getOrDefault(r.id(), List.of())))
                  .toList();
          String next =
              rows.size() > limit
                  ? PageCursors.encode(
                      new PageCursors.Keyset(
                          items.get(limit - 1).createdAt(), items.get(limit - 1).id()))
                  : null;
          return new Page<>(infos, next);
        });
  }

  // ---- manifests ---------------------------------------------------------------------------

  /** A version's row, its newest manifest signature and its files, read together. */
  public record StoredManifest(
      VersionRow version, ManifestRow manifest, List<VersionFileRow> files) {}

  public StoredManifest manifest(String product, SemVer version) {
    return tx.inReadOnlyTransaction(
        h -> {
          VersionRow row = version(h, product, version);
          ManifestDao manifests = h.attach(ManifestDao.class);
          ManifestRow m =
              manifests
                  .latest(row.id())
                  .orElseThrow(
                      () ->
                          new RecordNotFoundException(
                              product + " " + version + " has no manifest"));
          return new StoredManifest(row, m, manifests.files(row.id()));
        });
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static NamedRow validProduct(Handle h, String name, Instant at) {
    CatalogEntries products = CatalogEntries.products(h);
    return products
        .findValidAt(name, at)
        .orElseThrow(
            () -> {
              if (products.findLatest(name).isEmpty()) return unknownProduct(name);
              return new RecordConflictException("product '" + name + "' is not valid at " + at);
            });
  }

  static NamedRow validMode(Handle h, String name, Instant at) {
    CatalogEntries modes = CatalogEntries.modes(h);
    return modes
        .findValidAt(name, at)
        .orElseThrow(
            () -> {
              if (modes.findLatest(name).isEmpty()) return unknownMode(name);
              return new RecordConflictException("mode '" + name + "' is not valid at " + at);
            });
  }

  static VersionRow version(Handle h, String product, SemVer version) {
    NamedRow p =
        CatalogEntries.products(h).findLatest(product).orElseThrow(() -> unknownProduct(product));
    return h.attach(VersionDao.class)
        .find(p.id(), version.major(), version.minor(), version.patch(), version.preRelease())
        .orElseThrow(
            () -> new RecordNotFoundException(product + " " + version + " does not exist"));
  }

  static RecordNotFoundException unknownProduct(String name) {
    return new RecordNotFoundException("product '" + name + "' does not exist");
  }

  static RecordNotFoundException unknownMode(String name) {
    return new RecordNotFoundException("mode '" + name + "' does not exist");
  }

  private VersionInfo versionInfo(Handle h, VersionRow row) {
    return versionInfo(h, row, now());
  }

  private static VersionInfo versionInfo(Handle h, VersionRow row, Instant at) {
    String product = CatalogEntries.products(h).name(row.productId());
    return versionInfo(
        product, row, modesNow(h, List.of(row.id()), at).getOrDefault(row.id(), List.of()));
  }

  private static VersionInfo versionInfo(String product, VersionRow row, List<String> modes) {
    return new VersionInfo(
        product,
        row.semVer().toString(),
        row.executablePath(),
        row.createdAt(),
        row.validFrom(),
        row.validTo(),
        modes);
  }

  private static Map<UUID, List<String>> modesNow(Handle h, List<UUID> versionIds, Instant at) {
    if (versionIds.isEmpty()) return Map.of();
    return h.attach(ReleaseDao.class).validAt(versionIds, at).stream()
        .collect(
            Collectors.groupingBy(
                ReleaseRow::versionId, Collectors.mapping(ReleaseRow::mode, Collectors.toList())));
  }

  private static <T> Page<T> namePage(
      List<NamedRow> rows, int limit, java.util.function.Function<NamedRow, T> map) {
    List<NamedRow> items = rows.subList(0, Math.min(limit, rows.size()));
    String next = rows.size() > limit ? PageCursors.encodeName(items.get(limit - 1).name()) : null;
    return new Page<>(items.stream().map(map).toList(), next);
  }

  private static ProductInfo productInfo(NamedRow row) {
    return new ProductInfo(row.name(), row.validFrom(), row.validTo());
  }

  private static ModeInfo modeInfo(NamedRow row) {
    return new ModeInfo(row.name(), row.validFrom(), row.validTo());
  }

  /** Instants are stored to the microsecond, within years both databases store without trouble. */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  static Instant micros(Instant at) {
    if (at == null) return null;
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new InvalidPeriodException(at + " is outside the years 1970 to 9999");
    }
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** The period [from, to) with from defaulting to now; it must not end before it starts. */
  private Instant periodStart(Instant validFrom, Instant validTo) {
    Instant from = validFrom == null ? now() : micros(validFrom);
    Instant to = micros(validTo);
    if (to != null && !to.isAfter(from)) {
      throw new InvalidPeriodException("validTo " + to + " must be after validFrom " + from);
    }
    return from;
  }
}
