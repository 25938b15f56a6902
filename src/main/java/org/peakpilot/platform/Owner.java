package org.peakpilot.platform;

/**
 * Who a row belongs to: the county it lies in, the park (if any) and the enterprise (if any). Every row owned
 * below city level carries these three, and {@link AccessScope} decides from them alone.
 */
public record Owner(String countyCode, Long parkId, Long enterpriseId) {

	public static Owner county(String countyCode) {
		return new Owner(countyCode, null, null);
	}
}
