package org.vsekai.nebula.schema;

import java.time.Instant;

/**
 * The products, or the modes: named catalog entries with validity periods. Products and modes are
 * one concept, so one repository serves each kind; {@link JdbiCatalogEntryRepository} stores them.
 */
public interface CatalogEntryRepository {
  /**
   * Creates the entry with one validity period [validFrom (null: now), validTo (null: open)), or
   * returns the existing one of that name unchanged.
   *
   * @throws InvalidPeriodException the period ends before it starts, or leaves the years 1970 to
   *     9999
   */
  Created<CatalogEntry> create(String name, Instant validFrom, Instant validTo);

  /**
   * Ends the entry's open period now: a product is no longer offered, a mode no longer released to
   * or switched to.
   *
   * @throws RecordNotFoundException there is no entry of that name
   */
  CatalogEntry retire(String name);

  /**
   * The entries valid now, by name, {@code limit} at most after the cursor's.
   *
   * @throws InvalidCursorException the cursor is not one this repository made
   */
  Listing<CatalogEntry> validNow(String cursor, int limit);
}
