package org.peakpilot.platform;

import java.util.List;
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

	/** The counties a county officer can be given, for the user form. */
	List<ScopeChoice> countyChoices();

	/** The parks a park manager can be given, for the user form. */
	List<ScopeChoice> parkChoices();

	/** The enterprises within the caller's scope that an enterprise user or a verifier can be given, for the user form. */
	List<ScopeChoice> enterpriseChoices();

	/**
	 * One county, park or enterprise as a person picks it: the value the form posts, its name and what tells it
	 * apart (the county of a park, the USCC and county of an enterprise).
	 */
	record ScopeChoice(String value, String name, String detail) {
	}
}
