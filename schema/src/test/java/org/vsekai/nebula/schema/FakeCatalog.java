package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.ManifestRow;
import org.vsekai.nebula.schema.db.VersionRow;

/**
 * The catalog in memory, for tests of what sits above the repositories (resources, services). It
 * keeps the repositories' contract, which {@code CatalogContract} holds it to beside the database
 * ones: validity periods, SemVer order, keyset cursors, and the same errors with the same words.
 * One lock stands in for the database's SERIALIZABLE transactions.
 */
public final class FakeCatalog {
  private final Clock clock;
  private final TreeMap<String, Period> products = new TreeMap<>();
  private final TreeMap<String, Period> modes = new TreeMap<>();
  private final List<Version> versions = new ArrayList<>();

  private FakeCatalog(Clock clock) {
    this.clock = clock;
  }

  public static Catalog inMemory(Clock clock) {
    return create(clock).catalog();
  }

  /** The fake itself, for fakes of what refers to the catalog ({@link FakeInstalls}). */
  public static FakeCatalog create(Clock clock) {
    return new FakeCatalog(clock);
  }

  public Catalog catalog() {
    return new Catalog(
        new Entries(products, "product"),
        new Entries(modes, "mode"),
        new Versions(),
        new Releases());
  }

  /** As {@link CatalogLookups#product}: the product exists, valid or not. */
  synchronized void requireProduct(String name) {
    entry(products, "product", name);
  }

  /** As {@link CatalogLookups#validMode}. */
  synchronized void requireValidMode(String name, Instant at) {
    requireValid(modes, "mode", name, at);
  }

  /** As {@link CatalogLookups#version}: the version's text as stored. */
  synchronized SemVer requireVersion(String product, SemVer version) {
    return version(product, version).semVer;
  }

  /** A validity period [from, to), to null while open. */
  private static final class Period {
    final Instant from;
    Instant to;

    Period(Instant from, Instant to) {
      this.from = from;
      this.to = to;
    }

    boolean validAt(Instant at) {
      return !from.isAfter(at) && (to == null || to.isAfter(at));
    }

    /** Ends the open period at {@code at}, or where it starts if that is later. */
    boolean close(Instant at) {
      if (to != null) {
        return false;
      }
      to = from.isAfter(at) ? from : at;
      return true;
    }
  }

  private static final class Version {
    final UUID id = UUID.randomUUID();
    final String product;
    final SemVer semVer;
    final String executablePath;
    final Instant publishedAt;
    final Period period;
    final TreeMap<String, List<Period>> releases = new TreeMap<>();
    final VersionRepository.StoredManifest manifest;

    Version(NewRelease r, Instant publishedAt, Instant from) {
      this.product = r.product();
      this.semVer = r.version();
      this.executablePath = r.executablePath();
      this.publishedAt = publishedAt;
      this.period = new Period(from, null);
      SignedEnvelope m = r.manifest();
      this.manifest =
          new VersionRepository.StoredManifest(
              row(),
              new ManifestRow(
                  UUID.randomUUID(),
                  id,
                  m.keyId(),
                  m.json(),
                  StoredInstants.micros(m.signedAt()),
                  StoredInstants.micros(m.expiresAt())),
              r.files());
    }

    boolean is(String product, SemVer v) {
      return this.product.equals(product)
          && semVer.major() == v.major()
          && semVer.minor() == v.minor()
          && semVer.patch() == v.patch()
          && semVer.preRelease().equals(v.preRelease());
    }

    boolean offeredAt(String mode, Instant at) {
      return period.validAt(at)
          && releases.getOrDefault(mode, List.of()).stream().anyMatch(p -> p.validAt(at));
    }

    PublishedVersion published(Instant at) {
      List<String> offering =
          releases.entrySet().stream()
              .filter(e -> e.getValue().stream().anyMatch(p -> p.validAt(at)))
              .map(e -> e.getKey())
              .toList();
      return new PublishedVersion(
          product, semVer, executablePath, publishedAt, period.from, period.to, offering);
    }

    private VersionRow row() {
      return new VersionRow(
          id,
          null,
          semVer.major(),
          semVer.minor(),
          semVer.patch(),
          semVer.preRelease(),
          semVer.build(),
          executablePath,
          publishedAt,
          period == null ? null : period.from,
          null);
    }
  }

  private Instant now() {
    return StoredInstants.now(clock);
  }

  private Period entry(TreeMap<String, Period> entries, String kind, String name) {
    Period p = entries.get(name);
    if (p == null) {
      throw missing(kind, name);
    }
    return p;
  }

  private static RecordNotFoundException missing(String kind, String name) {
    return kind.equals("product")
        ? CatalogLookups.unknownProduct(name)
        : CatalogLookups.unknownMode(name);
  }

  private void requireValid(TreeMap<String, Period> entries, String kind, String name, Instant at) {
    if (!entry(entries, kind, name).validAt(at)) {
      throw new RecordConflictException(kind + " '" + name + "' is not valid at " + at);
    }
  }

  private Version version(String product, SemVer v) {
    entry(products, "product", product);
    return versions.stream()
        .filter(x -> x.is(product, v))
        .findFirst()
        .orElseThrow(() -> new RecordNotFoundException(product + " " + v + " does not exist"));
  }

  private final class Entries implements CatalogEntryRepository {
    private final TreeMap<String, Period> entries;
    private final String kind;

    Entries(TreeMap<String, Period> entries, String kind) {
      this.entries = entries;
      this.kind = kind;
    }

    @Override
    public Created<CatalogEntry> create(String name, Instant validFrom, Instant validTo) {
      synchronized (FakeCatalog.this) {
        Instant from = StoredInstants.microsOrNow(validFrom, clock);
        Instant to = StoredInstants.micros(validTo);
        if (to != null && !to.isAfter(from)) {
          throw new InvalidPeriodException("validTo " + to + " must be after validFrom " + from);
        }
        Period existing = entries.get(name);
        if (existing != null) {
          return new Created<>(view(name, existing), false);
        }
        Period p = new Period(from, to);
        entries.put(name, p);
        return new Created<>(view(name, p), true);
      }
    }

    @Override
    public CatalogEntry retire(String name) {
      synchronized (FakeCatalog.this) {
        Period p = entry(entries, kind, name);
        p.close(now());
        return view(name, p);
      }
    }

    @Override
    public Listing<CatalogEntry> validNow(String cursor, int limit) {
      String after = PageCursors.decodeName(cursor);
      synchronized (FakeCatalog.this) {
        Instant now = now();
        List<String> names =
            entries.tailMap(after, false).entrySet().stream()
                .filter(e -> e.getValue().validAt(now))
                .map(e -> e.getKey())
                .limit(limit + 1L)
                .toList();
        return Listing.of(
            names, limit, PageCursors::encodeName, name -> view(name, entries.get(name)));
      }
    }

    private CatalogEntry view(String name, Period p) {
      return new CatalogEntry(name, p.from, p.to);
    }
  }

  private final class Versions implements VersionRepository {
    @Override
    public Optional<PublishedVersion> current(String product, String mode, Instant at) {
      Instant when = StoredInstants.micros(at);
      synchronized (FakeCatalog.this) {
        Optional<Version> current =
            versions.stream()
                .filter(v -> v.product.equals(product) && v.offeredAt(mode, when))
                .max(Comparator.comparing(v -> v.semVer));
        if (current.isEmpty()) {
          entry(products, "product", product);
          entry(modes, "mode", mode);
        }
        return current.map(v -> v.published(when));
      }
    }

    @Override
    public PublishedVersion find(String product, SemVer version) {
      synchronized (FakeCatalog.this) {
        return version(product, version).published(now());
      }
    }

    @Override
    public Listing<PublishedVersion> list(String product, String cursor, int limit) {
      synchronized (FakeCatalog.this) {
        entry(products, "product", product);
        Instant now = now();
        return NewestFirstPages.page(
            versions.stream().filter(v -> v.product.equals(product)),
            v -> v.publishedAt,
            v -> v.id,
            cursor,
            limit,
            v -> v.published(now));
      }
    }

    @Override
    public StoredManifest manifest(String product, SemVer version) {
      synchronized (FakeCatalog.this) {
        return version(product, version).manifest;
      }
    }
  }

  private final class Releases implements ReleaseRepository {
    @Override
    public PublishedVersion register(NewRelease r) {
      synchronized (FakeCatalog.this) {
        Instant from = StoredInstants.microsOrNow(r.validFrom(), clock);
        requireValid(products, "product", r.product(), from);
        requireValid(modes, "mode", r.mode(), from);
        if (versions.stream().anyMatch(v -> v.is(r.product(), r.version()))) {
          throw new RecordConflictException(r.product() + " " + r.version() + " already exists");
        }
        Version v = new Version(r, now(), from);
        v.releases.computeIfAbsent(r.mode(), m -> new ArrayList<>()).add(new Period(from, null));
        versions.add(v);
        return v.published(now());
      }
    }

    @Override
    public PublishedVersion releaseToMode(
        String product, SemVer version, String mode, Instant validFrom) {
      synchronized (FakeCatalog.this) {
        Instant from = StoredInstants.microsOrNow(validFrom, clock);
        Version v = version(product, version);
        requireValid(modes, "mode", mode, from);
        List<Period> periods = v.releases.computeIfAbsent(mode, m -> new ArrayList<>());
        if (periods.stream().anyMatch(p -> p.to == null)) {
          throw new RecordConflictException(
              product + " " + version + " is already released to " + mode);
        }
        periods.add(new Period(from, null));
        return v.published(now());
      }
    }

    @Override
    public PublishedVersion withdrawFromMode(String product, SemVer version, String mode) {
      synchronized (FakeCatalog.this) {
        Version v = version(product, version);
        entry(modes, "mode", mode);
        Instant now = now();
        boolean closed = false;
        for (Period p : v.releases.getOrDefault(mode, List.of())) {
          closed |= p.close(now);
        }
        if (!closed) {
          throw new RecordNotFoundException(
              product + " " + version + " is not released to " + mode);
        }
        return v.published(now);
      }
    }

    @Override
    public PublishedVersion withdraw(String product, SemVer version) {
      synchronized (FakeCatalog.this) {
        Version v = version(product, version);
        Instant now = now();
        v.period.close(now);
        return v.published(now);
      }
    }
  }
}
