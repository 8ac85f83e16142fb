package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.CatalogEntries;
import org.vsekai.nebula.schema.db.NamedRow;
import org.vsekai.nebula.schema.db.ReleaseDao;
import org.vsekai.nebula.schema.db.ReleaseRow;
import org.vsekai.nebula.schema.db.VersionDao;
import org.vsekai.nebula.schema.db.VersionRow;

/**
 * The catalog reads every repository makes inside its own transaction: a product, mode or version
 * by name, each with the one error message a caller sees when it is missing or not valid.
 */
final class CatalogLookups {
  private CatalogLookups() {}

  static NamedRow validProduct(Handle h, String name, Instant at) {
    CatalogEntries products = CatalogEntries.products(h);
    return products
        .findValidAt(name, at)
        .orElseThrow(
            () -> {
              if (products.findLatest(name).isEmpty()) {
                return unknownProduct(name);
              }
              return new RecordConflictException("product '" + name + "' is not valid at " + at);
            });
  }

  static NamedRow validMode(Handle h, String name, Instant at) {
    CatalogEntries modes = CatalogEntries.modes(h);
    return modes
        .findValidAt(name, at)
        .orElseThrow(
            () -> {
              if (modes.findLatest(name).isEmpty()) {
                return unknownMode(name);
              }
              return new RecordConflictException("mode '" + name + "' is not valid at " + at);
            });
  }

  static NamedRow product(Handle h, String name) {
    return CatalogEntries.products(h).findLatest(name).orElseThrow(() -> unknownProduct(name));
  }

  static NamedRow mode(Handle h, String name) {
    return CatalogEntries.modes(h).findLatest(name).orElseThrow(() -> unknownMode(name));
  }

  static VersionRow version(Handle h, String product, SemVer version) {
    NamedRow p = product(h, product);
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

  /** The version as published, with the modes offering it at {@code at}. */
  static PublishedVersion published(Handle h, VersionRow row, Instant at) {
    String product = CatalogEntries.products(h).name(row.productId());
    return published(product, row, modesAt(h, List.of(row.id()), at));
  }

  static PublishedVersion published(String product, VersionRow row, Map<UUID, List<String>> modes) {
    return new PublishedVersion(
        product,
        row.semVer(),
        row.executablePath(),
        row.createdAt(),
        row.validFrom(),
        row.validTo(),
        modes.getOrDefault(row.id(), List.of()));
  }

  /** For each version, the modes offering it at {@code at}; one query for all of them. */
  static Map<UUID, List<String>> modesAt(Handle h, List<UUID> versionIds, Instant at) {
    if (versionIds.isEmpty()) {
      return Map.of();
    }
    return h.attach(ReleaseDao.class).validAt(versionIds, at).stream()
        .collect(
            Collectors.groupingBy(
                ReleaseRow::versionId, Collectors.mapping(ReleaseRow::mode, Collectors.toList())));
  }
}
