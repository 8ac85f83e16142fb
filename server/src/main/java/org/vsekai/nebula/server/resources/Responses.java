package org.vsekai.nebula.server.resources;

import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.vsekai.nebula.schema.Created;

/** Answers shared by the resources. */
final class Responses {
  private Responses() {}

  /** 201 when the call created the record, 200 when it already existed (idempotent create). */
  static Response created(Created<?> created) {
    return created(created, value -> value);
  }

  /** As {@link #created(Created)}, answering with {@code view} of the record. */
  static <T> Response created(Created<T> created, Function<T, ?> view) {
    return Response.status(created.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(view.apply(created.value()))
        .build();
  }
}
