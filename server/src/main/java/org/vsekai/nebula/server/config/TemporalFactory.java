package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/** The Temporal frontend the service talks to; none when {@code target} is empty. */
public class TemporalFactory {
  /** host:port of the Temporal frontend, e.g. {@code localhost:7233}. */
  @JsonProperty private String target;

  @NotNull @JsonProperty private String namespace = "default";

  public boolean configured() {
    return target != null && !target.isBlank();
  }

  public String target() {
    return target;
  }

  public String namespace() {
    return namespace;
  }
}
