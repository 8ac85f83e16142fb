package org.vsekai.nebula.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.vsekai.nebula.server.config.DatabaseFactory;
import org.vsekai.nebula.server.config.GatewayFactory;
import org.vsekai.nebula.server.config.LimitsFactory;
import org.vsekai.nebula.server.config.SigningFactory;
import org.vsekai.nebula.server.config.StoreFactory;
import org.vsekai.nebula.server.config.TemporalFactory;
import org.vsekai.nebula.server.config.TlsFactory;
import org.vsekai.nebula.server.config.TufFactory;

/**
 * The service's configuration; see {@code nebula.yml} for every key and its environment variable.
 */
public class NebulaConfiguration extends Configuration {
  /** Everything the service keeps on its own disk: embedded database, stores, generated keys. */
  @NotBlank @JsonProperty private String dataDir = "nebula-data";

  /** Bearer token for publishing and admin calls; generated into the data folder when empty. */
  @JsonProperty private String publisherToken;

  /**
   * Bearer token of support staff: listing installs' update records, reading any install, revoking
   * and reissuing install credentials. Generated into the data folder when empty.
   */
  @JsonProperty private String supportToken;

  @Valid @NotNull @JsonProperty private DatabaseFactory database = new DatabaseFactory();
  @Valid @NotNull @JsonProperty private StoreFactory store = new StoreFactory();
  @Valid @NotNull @JsonProperty private SigningFactory signing = new SigningFactory();
  @Valid @NotNull @JsonProperty private TemporalFactory temporal = new TemporalFactory();
  @Valid @NotNull @JsonProperty private GatewayFactory gateway = new GatewayFactory();
  @Valid @NotNull @JsonProperty private TlsFactory tls = new TlsFactory();
  @Valid @NotNull @JsonProperty private LimitsFactory limits = new LimitsFactory();
  @Valid @NotNull @JsonProperty private TufFactory tuf = new TufFactory();

  public Path dataDir() {
    return Path.of(dataDir).toAbsolutePath();
  }

  public String publisherToken() {
    return publisherToken;
  }

  public String supportToken() {
    return supportToken;
  }

  public GatewayFactory gateway() {
    return gateway;
  }

  public TlsFactory tls() {
    return tls;
  }

  public LimitsFactory limits() {
    return limits;
  }

  public DatabaseFactory database() {
    return database;
  }

  public StoreFactory store() {
    return store;
  }

  public SigningFactory signing() {
    return signing;
  }

  public TemporalFactory temporal() {
    return temporal;
  }

  public TufFactory tuf() {
    return tuf;
  }
}
