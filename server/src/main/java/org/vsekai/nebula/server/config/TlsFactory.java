package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/**
 * The service's certificate. When a key store is set, the application port serves HTTPS instead of
 * HTTP and the install gateway serves TLS, both with this certificate; without one, both are plain,
 * which clients accept on loopback only (or behind a proxy that terminates TLS).
 */
public class TlsFactory {
  /** A PKCS#12 (or JKS) file holding the private key and its certificate chain. */
  @JsonProperty private String keyStorePath;

  @JsonProperty private String keyStorePassword;

  @NotBlank @JsonProperty private String keyStoreType = "PKCS12";

  public boolean configured() {
    return keyStorePath != null && !keyStorePath.isBlank();
  }

  public String keyStorePath() {
    return keyStorePath;
  }

  public String keyStorePassword() {
    return keyStorePassword == null ? "" : keyStorePassword;
  }

  public String keyStoreType() {
    return keyStoreType;
  }

  /** The key managers of the key store, for the gateway's TLS. */
  public KeyManagerFactory keyManagers() {
    try (InputStream in = Files.newInputStream(Path.of(keyStorePath))) {
      KeyStore store = KeyStore.getInstance(keyStoreType);
      char[] password = keyStorePassword().toCharArray();
      store.load(in, password);
      KeyManagerFactory managers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(store, password);
      return managers;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key store " + keyStorePath, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the key store " + keyStorePath + " is unusable: " + e.getMessage(), e);
    }
  }
}
