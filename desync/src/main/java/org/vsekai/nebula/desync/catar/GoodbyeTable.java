package org.vsekai.nebula.desync.catar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders a directory's goodbye items the way casync and desync do: sorted by name hash (then
 * offset), laid out as a complete binary search tree in array form.
 */
final class GoodbyeTable {
  private GoodbyeTable() {}

  static List<GoodbyeItem> arrange(List<GoodbyeItem> items) {
    List<GoodbyeItem> sorted = new ArrayList<>(items);
    sorted.sort(
        Comparator.comparing(GoodbyeItem::hash, Long::compareUnsigned)
            .thenComparing(GoodbyeItem::offset, Long::compareUnsigned));
    GoodbyeItem[] out = new GoodbyeItem[sorted.size()];
    int height = 64 - Long.numberOfLeadingZeros(sorted.size());
    place(sorted, 0, sorted.size(), out, 0, height);
    return List.of(out);
  }

  /** Puts {@code in[from, to)} into the subtree rooted at {@code out[at]} of the given height. */
  private static void place(
      List<GoodbyeItem> in, int from, int to, GoodbyeItem[] out, int at, int height) {
    int n = to - from;
    if (n == 0) {
      return;
    }
    long p = height >= 1 ? 1L << (height - 1) : 0;
    long q = p << 1;
    long k = (q - 2) / 2;
    if (n < p - 1 + p / 2) {
      k -= p - 1 + p / 2 - n;
    }
    int mid = from + (int) k;
    out[at] = in.get(mid);
    place(in, from, mid, out, 2 * at + 1, height - 1);
    place(in, mid + 1, to, out, 2 * at + 2, height - 1);
  }
}
