package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The keyset page the database reads with {@code ORDER BY at DESC, id DESC} and a cursor, done in
 * memory for the fakes: the rows strictly after the cursor's (at, id), newest first.
 */
final class NewestFirstPages {
  private NewestFirstPages() {}

  /**
   * @param at the row's time, the sort key
   * @param id the row's id, which breaks ties
   * @throws InvalidCursorException the cursor is not one a repository made
   */
  static <R, T> Listing<T> page(
      Stream<R> rows,
      Function<R, Instant> at,
      Function<R, UUID> id,
      String cursor,
      int limit,
      Function<R, T> item) {
    PageCursors.Keyset after = PageCursors.decodeKeyset(cursor);
    Comparator<R> newestFirst = Comparator.comparing(at).thenComparing(id).reversed();
    return Listing.of(
        rows.filter(r -> before(at.apply(r), id.apply(r), after))
            .sorted(newestFirst)
            .limit(limit + 1L)
            .toList(),
        limit,
        r -> PageCursors.encode(new PageCursors.Keyset(at.apply(r), id.apply(r))),
        item);
  }

  private static boolean before(Instant at, UUID id, PageCursors.Keyset cursor) {
    int c = at.compareTo(cursor.at());
    return c < 0 || (c == 0 && id.compareTo(cursor.id()) < 0);
  }
}
