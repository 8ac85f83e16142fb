package org.vsekai.nebula.gateway;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binds each activity task token the gateway hands out to the install that polled it.
 *
 * <p>Temporal's task token names a namespace, workflow and activity, and whoever presents it may
 * heartbeat or complete that activity. The gateway never gives a player a raw token: it hands out
 * {@code version | install id | token | HMAC-SHA256(key, all before)} and, on the way back, accepts
 * only a sealed token whose MAC verifies and whose install is the caller's. A player can therefore
 * neither forge a token nor use one polled by another install; the key never leaves the service.
 */
final class TaskTokenSeal {
  private static final byte VERSION = 1;
  private static final String ALGORITHM = "HmacSHA256";
  static final int MAC_BYTES = 32;

  /** Keys shorter than the MAC would weaken it; 32 random bytes is what the service generates. */
  static final int MIN_KEY_BYTES = 32;

  private final SecretKeySpec key;

  TaskTokenSeal(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the task token key must have at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** The token as this install's worker receives it. */
  ByteString seal(InstallCaller caller, ByteString token) {
    byte[] install = caller.installId().getBytes(StandardCharsets.UTF_8);
    ByteString body =
        ByteString.copyFrom(
                new byte[] {VERSION, (byte) (install.length >>> 8), (byte) install.length})
            .concat(ByteString.copyFrom(install))
            .concat(token);
    return body.concat(ByteString.copyFrom(mac(body.toByteArray())));
  }

  /**
   * The raw token inside a sealed one this caller received.
   *
   * @throws StatusRuntimeException PERMISSION_DENIED when the token was not sealed by this gateway
   *     for this caller
   */
  Opened open(InstallCaller caller, ByteString sealed) {
    byte[] all = sealed.toByteArray();
    if (all.length < 3 + MAC_BYTES || all[0] != VERSION) {
      throw denied("the task token was not issued by this gateway");
    }
    int installLength = ((all[1] & 0xff) << 8) | (all[2] & 0xff);
    int bodyLength = all.length - MAC_BYTES;
    if (3 + installLength > bodyLength) {
      throw denied("the task token was not issued by this gateway");
    }
    byte[] expected = mac(Arrays.copyOf(all, bodyLength));
    byte[] offered = Arrays.copyOfRange(all, bodyLength, all.length);
    if (!MessageDigest.isEqual(expected, offered)) {
      throw denied("the task token was not issued by this gateway");
    }
    String install = new String(all, 3, installLength, StandardCharsets.UTF_8);
    if (!install.equals(caller.installId())) {
      throw denied("the task token belongs to another install's task");
    }
    return new Opened(
        ByteString.copyFrom(all, 3 + installLength, bodyLength - 3 - installLength),
        ByteString.copyFrom(offered));
  }

  /**
   * @param token Temporal's own token
   * @param mac the seal's MAC, which names this one token (for the replay guard)
   */
  record Opened(ByteString token, ByteString mac) {}

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  private static StatusRuntimeException denied(String why) {
    return Status.PERMISSION_DENIED.withDescription(why).asRuntimeException();
  }
}
