package org.vsekai.nebula.api.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/update-processes}: an update reports the state it reached. The first
 * report of an {@code updateProcessId} creates the process with the seed's fields (manifest and
 * version, files to update, registry values); later reports add states and must not contradict
 * those fields. Reporting the current state again changes nothing, so a retried report is harmless.
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
