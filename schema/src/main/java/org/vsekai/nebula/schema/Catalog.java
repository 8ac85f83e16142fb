package org.vsekai.nebula.schema;

import java.time.Clock;

/**
 * What is published, as four repositories: products and modes (one concept, two kinds), the
 * versions and manifests read, and the releases that change what is offered.
 */
public record Catalog(
    CatalogEntryRepository products,
    CatalogEntryRepository modes,
    VersionRepository versions,
    ReleaseRepository releases) {

  /** The catalog in the database, every call its own SERIALIZABLE transaction. */
  public static Catalog jdbi(SerializableTransactions tx, Clock clock) {
    return new Catalog(
        JdbiCatalogEntryRepository.products(tx, clock),
        JdbiCatalogEntryRepository.modes(tx, clock),
        new JdbiVersionRepository(tx, clock),
        new JdbiReleaseRepository(tx, clock));
  }
}
