package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;

/**
 * Where the database is. With no {@code url} the service runs an embedded PostgreSQL whose data
 * lives under the data folder; with one it uses that server, PostgreSQL or CockroachDB (both speak
 * the PostgreSQL protocol; a CockroachDB URL looks like {@code
 * jdbc:postgresql://host:26257/nebula?sslmode=verify-full}).
 */
public class DatabaseFactory {
  @JsonProperty private String url;
  @JsonProperty private String user;
  @JsonProperty private String password;

  @Min(1)
  @Max(1000)
  @JsonProperty
  private int maxConnections = 32;

  /** Port of the embedded PostgreSQL; 0 picks a free one at each start. */
  @Min(0)
  @Max(65535)
  @JsonProperty
  private int embeddedPort = 0;

  /**
   * Whether to apply migrations when the service starts. Unset: yes for the embedded database, no
   * for an external one (run {@code db migrate} as a release step instead).
   */
  @JsonProperty private Boolean migrateOnStart;

  public boolean embedded() {
    return url == null || url.isBlank();
  }

  public boolean migrateOnStart() {
    return migrateOnStart != null ? migrateOnStart : embedded();
  }

  public int embeddedPort() {
    return embeddedPort;
  }

  public String url() {
    return url;
  }

  /**
   * Dropwizard's pooled data source for {@code jdbcUrl} with this factory's credentials and size.
   */
  public DataSourceFactory dataSourceFactory(String jdbcUrl, String defaultUser) {
    DataSourceFactory f = new DataSourceFactory();
    f.setDriverClass("org.postgresql.Driver");
    f.setUrl(jdbcUrl);
    f.setUser(user == null || user.isBlank() ? defaultUser : user);
    f.setPassword(password == null ? "" : password);
    f.setMaxSize(maxConnections);
    f.setMinSize(Math.min(4, maxConnections));
    f.setInitialSize(Math.min(4, maxConnections));
    f.setValidationQuery("SELECT 1");
    f.setValidationQueryTimeout(Duration.seconds(5));
    f.setCheckConnectionOnBorrow(true);
    f.setProperties(Map.of("ApplicationName", "nebula"));
    return f;
  }
}
