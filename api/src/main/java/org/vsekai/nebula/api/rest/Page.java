package org.vsekai.nebula.api.rest;

import java.util.List;

/**
 * One page of a list that grows. {@code next} is an opaque cursor for the following page ({@code
 * ?cursor=...}), null on the last page.
 */
public record Page<T>(List<T> items, String next) {
  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
