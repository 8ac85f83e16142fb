package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.vsekai.nebula.api.UpdateState;

/**
 * An update process as recorded: what it updates, the seed's fields, when it ran ({@code validTo}
 * null while running) and the states it went through, oldest first.
 *
 * @param state its state now; null before its first report
 */
public record UpdateProcess(
    UUID id,
    UUID installId,
    String product,
    String fromVersion,
    String toVersion,
    String manifestFileAndVersion,
    List<String> filesForUpdate,
    Map<String, String> registryValues,
    UpdateState state,
    Instant validFrom,
    Instant validTo,
    List<StatePeriod> states) {
  public UpdateProcess {
    filesForUpdate = filesForUpdate == null ? List.of() : List.copyOf(filesForUpdate);
    registryValues = registryValues == null ? Map.of() : Map.copyOf(registryValues);
    states = List.copyOf(states);
  }

  /** One state and the period the process was in it. */
  public record StatePeriod(UpdateState state, String detail, Instant validFrom, Instant validTo) {}
}
