package org.peakpilot.inclusive.internal;

/**
 * The green-travel modes a partner may push (issue 14): each is credited by the methodology's factor of the same
 * name; {@link #VISIT} is a scene check-in, never a trip.
 */
public enum TripMode {
	/** 步行 */
	WALK,
	/** 自行车/共享单车 (human-powered) */
	BIKE,
	/** 公交 (generic bus) */
	BUS,
	/** 纯电动公交 (e-buses, e.g. on the 双遗 routes) */
	EBUS,
	/** 地铁 */
	METRO,
	/** 景区观光车/接驳车 (scenic-area shuttles) */
	SHUTTLE,
	/** a scene check-in (景区/酒店/餐厅打卡), not a trip */
	VISIT;

	/** The modes a trip may have. */
	public static java.util.List<TripMode> tripModes() {
		return java.util.Arrays.stream(values()).filter(m -> m != VISIT).toList();
	}

	/** The trip mode of this name, or null (unknown mode, or VISIT). */
	public static TripMode trip(String name) {
		for (TripMode m : values()) {
			if (m != VISIT && m.name().equals(name)) {
				return m;
			}
		}
		return null;
	}
}
