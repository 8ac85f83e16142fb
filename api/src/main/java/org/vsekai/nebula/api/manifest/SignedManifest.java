package org.vsekai.nebula.api.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A release manifest in a signed envelope, in the shape of DSSE: the manifest's exact JSON bytes
 * (base64) and signatures over {@link #preAuthenticationEncoding}. Clients verify the bytes before
 * they parse them, so no JSON canonicalisation is needed and nothing unsigned is read.
 */
public record SignedManifest(String payloadType, String payload, List<Signature> signatures) {

  public static final String PAYLOAD_TYPE = "application/vnd.vsekai.nebula.manifest+json";

  /**
   * The type of a manifest that came as a TUF target: its bytes matched the signed targets metadata
   * when they were downloaded, so it carries no signature of its own.
   */
  public static final String TUF_TARGET_TYPE =
      "application/vnd.vsekai.nebula.manifest+json; verified=tuf";

  /** The record of a manifest verified as a TUF target. */
  public static SignedManifest verifiedTarget(byte[] manifestJson) {
    return new SignedManifest(
        TUF_TARGET_TYPE, Base64.getEncoder().encodeToString(manifestJson), List.of());
  }

  @JsonIgnore
  public boolean isVerifiedTarget() {
    return TUF_TARGET_TYPE.equals(payloadType);
  }

  public SignedManifest {
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
  }

  /** One signature: the signing key's id and the Ed25519 signature, base64. */
  public record Signature(String keyid, String sig) {}

  /** The signed payload bytes (the manifest JSON). */
  public byte[] payloadBytes() {
    try {
      return Base64.getDecoder().decode(payload);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ManifestRejectedException(
          ManifestRejectedException.Reason.MALFORMED, "manifest payload is not base64");
    }
  }

  /**
   * DSSE's PAE: binds the payload type to the bytes, so a signature over one kind of document
   * cannot be replayed as another.
   */
  static byte[] preAuthenticationEncoding(String payloadType, byte[] body) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("DSSEv1 " + type.length + " " + payloadType + " " + body.length + " ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }
}
