package org.vsekai.nebula.server.resources;

import java.util.function.Function;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.CatalogEntry;
import org.vsekai.nebula.schema.Listing;
import org.vsekai.nebula.schema.PublishedVersion;

/**
 * The REST shapes of what the repositories return. The wire format lives in {@code api.rest} and
 * changes only with the API's version; the records behind it can change freely.
 */
final class RestViews {
  private RestViews() {}

  static ProductInfo product(CatalogEntry e) {
    return new ProductInfo(e.name(), e.validFrom(), e.validTo());
  }

  static ModeInfo mode(CatalogEntry e) {
    return new ModeInfo(e.name(), e.validFrom(), e.validTo());
  }

  static VersionInfo version(PublishedVersion v) {
    return new VersionInfo(
        v.product(),
        v.version().toString(),
        v.executablePath(),
        v.publishedAt(),
        v.validFrom(),
        v.validTo(),
        v.modes());
  }

  static <T, R> Page<R> page(Listing<T> listing, Function<T, R> view) {
    return new Page<>(listing.items().stream().map(view).toList(), listing.next());
  }

  static <T> Page<T> page(Listing<T> listing) {
    return new Page<>(listing.items(), listing.next());
  }
}
