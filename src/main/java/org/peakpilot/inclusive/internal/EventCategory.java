package org.peakpilot.inclusive.internal;

/**
 * The footprint categories of a zero-carbon event, after the MEE 2019 large-event carbon-neutrality guide
 * (大型活动碳中和实施指南（试行）): venue energy (purchased electricity and fuels burned), attendee and organiser travel,
 * accommodation, catering, embodied materials and waste.
 */
public enum EventCategory {
	VENUE_ENERGY, TRAVEL, ACCOMMODATION, CATERING, MATERIALS, WASTE
}
