package org.vsekai.nebula.server.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.vsekai.nebula.api.rest.SigningKeyInfo;
import org.vsekai.nebula.server.core.SigningKeys;

/**
 * {@code /api/v1/signing-key}: the public key manifests are signed with. A client pins it once
 * (trust on first use, or compared with a key shipped out of band) and checks every manifest.
 */
@Path("/api/v1/signing-key")
@Produces(MediaType.APPLICATION_JSON)
public final class SigningKeyResource {
  private final SigningKeyInfo key;

  public SigningKeyResource(SigningKeys keys) {
    this.key = new SigningKeyInfo(keys.keyId(), keys.publicKeyBase64());
  }

  @GET
  public SigningKeyInfo get() {
    return key;
  }
}
