package org.vsekai.nebula.schema;

import java.time.Instant;

/** The mode an install follows now, and since when. */
public record FollowedMode(String mode, Instant since) {}
