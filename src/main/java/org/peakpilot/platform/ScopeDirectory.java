package org.peakpilot.platform;

import java.util.Optional;

/**
 * What the platform must know about counties, parks and enterprises to give a user a valid scope. The registry
 * implements it; the platform depends only on this interface.
 */
public interface ScopeDirectory {

	boolean isCounty(String countyCode);

	boolean isPark(long parkId);

	/** The owner of an enterprise, if it exists. */
	Optional<Owner> enterpriseOwner(long enterpriseId);
}
