package org.vsekai.nebula.server.config;

import java.util.Map;
import org.apache.commons.text.StringSubstitutor;

/**
 * {@code ${NAME:-default}} in the YAML: from the given overrides first (the embedded service sets
 * its data folder and ports this way, whatever the environment says), then the environment.
 */
public final class ConfigSubstitutor extends StringSubstitutor {
  public ConfigSubstitutor(Map<String, String> overrides) {
    super(key -> overrides.containsKey(key) ? overrides.get(key) : System.getenv(key));
    setEnableSubstitutionInVariables(true);
  }
}
