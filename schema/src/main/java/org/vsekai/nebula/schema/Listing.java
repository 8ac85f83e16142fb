package org.vsekai.nebula.schema;

import java.util.List;
import java.util.function.Function;

/**
 * One keyset page of a list a repository reads: its items, and the opaque cursor of the next page,
 * null on the last. Resources turn it into the REST {@code Page}; the repository knows no REST.
 */
public record Listing<T>(List<T> items, String next) {
  public Listing {
    items = List.copyOf(items);
  }

  /** The first {@code limit} of {@code rows} (read one over the limit to learn if more follow). */
  static <R, T> Listing<T> of(
      List<R> rows, int limit, Function<R, String> cursorOf, Function<R, T> item) {
    List<R> items = rows.subList(0, Math.min(limit, rows.size()));
    String next = rows.size() > limit ? cursorOf.apply(items.get(limit - 1)) : null;
    return new Listing<>(items.stream().map(item).toList(), next);
  }

  public <U> Listing<U> map(Function<T, U> f) {
    return new Listing<>(items.stream().map(f).toList(), next);
  }
}
