package org.vsekai.nebula.schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.vsekai.nebula.api.UpdateState;

/**
 * An update's report of the state it reached, as the service's own workflows record it (no caller
 * outside the service may write one). The first report of an {@code updateProcessId} creates the
 * process with the seed's fields (manifest and version, files to update, registry values); later
 * reports add states and must not contradict those fields. Reporting the current state again
 * changes nothing, so a retried report is harmless.
 *
 * @param toVersion the version being installed, once known
 * @param cachePath where the install's local chunk cache is, if the client says
 */
public record UpdateProcessReport(
    UUID updateProcessId,
    UUID installId,
    UpdateState state,
    String detail,
    String toVersion,
    String manifestFileAndVersion,
    List<String> filesForUpdate,
    Map<String, String> registryValues,
    String cachePath) {}
