/**
 * The launcher folder on the player's disk: its layout, the install's settings, the installed
 * release and the atomic pointer that switches releases.
 */
package org.vsekai.nebula.activities.local;
