package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The install gateway: the gRPC port players' workers reach Temporal through (see {@code
 * InstallGateway}). It runs whenever Temporal is configured; port 0 picks a free one.
 */
public class GatewayFactory {
  @Min(0)
  @Max(65535)
  @JsonProperty
  private int port = 7243;

  /** Address to listen on; empty for every interface. */
  @JsonProperty private String bindHost;

  /**
   * {@code host:port} players are told to reach the gateway at (behind a load balancer, say); empty
   * for the host name the player used to reach the service, with {@link #port}.
   */
  @JsonProperty private String publicAddress;

  /**
   * Base64 of the key task tokens are sealed with (at least 32 bytes); every replica of the service
   * needs the same one. Empty: generated into {@code <dataDir>/gateway-token-key}.
   */
  @JsonProperty private String taskTokenKey;

  public int port() {
    return port;
  }

  public String bindHost() {
    return bindHost == null || bindHost.isBlank() ? null : bindHost;
  }

  public String publicAddress() {
    return publicAddress == null || publicAddress.isBlank() ? null : publicAddress;
  }

  public String taskTokenKey() {
    return taskTokenKey;
  }
}
