package org.vsekai.nebula.api.rest;

/**
 * Body of {@code POST /api/v1/installs/{id}/update}: an install asks for its update now. Product
 * and mode are the service's record of the install; its worker checks them against its own.
 *
 * @param maxBytesPerSecond the download's cap; 0 for none
 * @param allowDowngrade whether a lower version may be installed, if the install also allows it
 */
public record UpdateStart(long maxBytesPerSecond, boolean allowDowngrade) {}
