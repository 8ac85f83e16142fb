/**
 * The JSON bodies of the service's REST API under {@code /api/v1}, shared by the service and its
 * clients (CLI, workers, the GUI launcher). Instants are ISO-8601 strings; absent optional fields
 * are null.
 */
package org.vsekai.nebula.api.rest;
