package org.vsekai.nebula.workflows.rollout;

/**
 * What a wave's trigger did.
 *
 * @param targeted installs the wave has triggered in all, earlier attempts included
 * @param started updates this attempt started
 * @param joined updates this attempt found already running (started elsewhere) and counts
 */
public record WaveTriggered(long targeted, long started, long joined) {}
