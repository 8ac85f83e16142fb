package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.vsekai.nebula.api.SemVer;

/**
 * Installs and their credentials in memory, over a {@link FakeCatalog}, for tests of the resources
 * above them. {@code InstallsContract} holds it to the same contract as the database's. One lock
 * stands in for the database's transactions.
 */
public final class FakeInstalls implements InstallRepository, InstallCredentials {
  private final FakeCatalog catalog;
  private final Clock clock;
  private final Map<UUID, Record> installs = new HashMap<>();
  private final Map<UUID, String> credentialDigests = new HashMap<>();

  /** Period ids in the order written, so that equal starts list in one order. */
  private final AtomicLong periodIds = new AtomicLong();

  public FakeInstalls(FakeCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  private static final class Period {
    final UUID id;
    final InstallPeriod.Kind kind;
    final String value;
    final Instant from;
    Instant to;

    Period(UUID id, InstallPeriod.Kind kind, String value, Instant from) {
      this.id = id;
      this.kind = kind;
      this.value = value;
      this.from = from;
    }

    boolean validAt(Instant at) {
      return !from.isAfter(at) && (to == null || to.isAfter(at));
    }
  }

  private static final class Record {
    final UUID id;
    final String product;
    final Instant registeredAt;
    final List<Period> periods = new ArrayList<>();

    Record(UUID id, String product, Instant registeredAt) {
      this.id = id;
      this.product = product;
      this.registeredAt = registeredAt;
    }

    Optional<Period> at(InstallPeriod.Kind kind, Instant at) {
      return periods.stream().filter(p -> p.kind == kind && p.validAt(at)).findFirst();
    }
  }

  private Instant now() {
    return StoredInstants.now(clock);
  }

  private Record record(UUID installId) {
    Record r = installs.get(installId);
    if (r == null) {
      throw new RecordNotFoundException("install " + installId + " is not registered");
    }
    return r;
  }

  private Install view(Record r, Instant at) {
    return new Install(
        r.id,
        r.product,
        r.at(InstallPeriod.Kind.MODE, at).map(p -> p.value).orElse(null),
        r.at(InstallPeriod.Kind.VERSION, at).map(p -> SemVer.parse(p.value)).orElse(null),
        r.registeredAt);
  }

  private void open(Record r, InstallPeriod.Kind kind, String value, Instant at) {
    r.periods.add(new Period(new UUID(0, periodIds.incrementAndGet()), kind, value, at));
  }

  private Install insert(UUID id, String product, String mode, SemVer version) {
    Instant now = now();
    catalog.requireProduct(product);
    catalog.requireValidMode(mode, now);
    SemVer stored = version == null ? null : catalog.requireVersion(product, version);
    Record r = new Record(id, product, now);
    open(r, InstallPeriod.Kind.MODE, mode, now);
    if (stored != null) {
      open(r, InstallPeriod.Kind.VERSION, stored.toString(), now);
    }
    installs.put(id, r);
    return view(r, now);
  }

  @Override
  public synchronized Created<Install> register(
      UUID installId, String product, String mode, SemVer version) {
    if (installId != null && installs.containsKey(installId)) {
      Record existing = installs.get(installId);
      if (!existing.product.equals(product)) {
        throw new RecordConflictException(
            "install " + installId + " is registered for product '" + existing.product + "'");
      }
      return new Created<>(view(existing, now()), false);
    }
    return new Created<>(
        insert(installId != null ? installId : UUID.randomUUID(), product, mode, version), true);
  }

  @Override
  public synchronized Registration registerWithCredential(
      String product, String mode, SemVer version) {
    Install install = insert(UUID.randomUUID(), product, mode, version);
    return new Registration(install, issue(install.id()));
  }

  @Override
  public synchronized Install switchMode(UUID installId, String mode) {
    Record r = record(installId);
    Instant now = now();
    catalog.requireValidMode(mode, now);
    Optional<Period> current = r.at(InstallPeriod.Kind.MODE, now);
    if (current.isEmpty() || !current.get().value.equals(mode)) {
      current.ifPresent(p -> p.to = now);
      open(r, InstallPeriod.Kind.MODE, mode, now);
    }
    return view(r, now);
  }

  @Override
  public synchronized FollowedMode currentMode(UUID installId) {
    Period mode =
        record(installId)
            .at(InstallPeriod.Kind.MODE, now())
            .orElseThrow(
                () -> new RecordNotFoundException("install " + installId + " follows no mode now"));
    return new FollowedMode(mode.value, mode.from);
  }

  @Override
  public synchronized Install find(UUID installId) {
    return view(record(installId), now());
  }

  @Override
  public Optional<PublishedVersion> latestFor(UUID installId) {
    Install install = find(installId);
    if (install.mode() == null) {
      throw new RecordNotFoundException("install " + installId + " follows no mode now");
    }
    return catalog.catalog().versions().current(install.product(), install.mode(), clock.instant());
  }

  @Override
  public synchronized Listing<InstallPeriod> history(UUID installId, String cursor, int limit) {
    return NewestFirstPages.page(
        record(installId).periods.stream(),
        p -> p.from,
        p -> p.id,
        cursor,
        limit,
        p -> new InstallPeriod(p.kind, p.value, p.from, p.to));
  }

  /** The install's product; as {@code JdbiInstallRepository.install}, not found if unknown. */
  synchronized String productOf(UUID installId) {
    return record(installId).product;
  }

  /** The version the install ran at {@code at}, or null. */
  synchronized SemVer versionAt(UUID installId, Instant at) {
    return record(installId)
        .at(InstallPeriod.Kind.VERSION, at)
        .map(p -> SemVer.parse(p.value))
        .orElse(null);
  }

  /** From {@code at} on, the install runs {@code version} (a successful update). */
  synchronized void moveVersion(UUID installId, SemVer version, Instant at) {
    Record r = record(installId);
    r.at(InstallPeriod.Kind.VERSION, at).ifPresent(p -> p.to = at);
    open(r, InstallPeriod.Kind.VERSION, version.toString(), at);
  }

  private String issue(UUID installId) {
    String secret = CredentialText.newSecret();
    credentialDigests.put(installId, CredentialText.digest(secret));
    return CredentialText.of(installId, secret);
  }

  @Override
  public synchronized String reissue(UUID installId) {
    record(installId);
    return issue(installId);
  }

  @Override
  public synchronized boolean revoke(UUID installId) {
    record(installId);
    return credentialDigests.remove(installId) != null;
  }

  @Override
  public synchronized Optional<UUID> verify(String credential) {
    return CredentialText.parse(credential)
        .filter(
            c -> {
              String digest = credentialDigests.get(c.installId());
              return digest != null && CredentialText.matches(digest, c.secret());
            })
        .map(CredentialText.Parsed::installId);
  }
}
