package org.peakpilot.power.internal;

import java.util.Locale;
import java.util.Optional;

/** A generation technology of the hourly data; its direct-emission factor is in {@link TechnologyFactors}. */
public enum PowerTechnology {
	HYDRO, WIND, SOLAR, NUCLEAR, COAL, GAS;

	/** The technology of this code (case-insensitive), if any. */
	public static Optional<PowerTechnology> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
