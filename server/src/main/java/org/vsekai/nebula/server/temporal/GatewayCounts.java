package org.vsekai.nebula.server.temporal;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;

/**
 * The gateway's call counts as one metric, {@code gateway.calls}: what the scaling figures (polls
 * per idle install, calls per update) are read from, at the admin port's {@code /metrics}.
 */
public final class GatewayCounts {
  private GatewayCounts() {}

  public static void register(MetricRegistry metrics, GatewayServer gateway) {
    metrics.register(
        "gateway.calls",
        (Gauge<Map<String, Long>>)
            () -> gateway.gateway() == null ? Map.of() : gateway.gateway().counts().snapshot());
  }
}
